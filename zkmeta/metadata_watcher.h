#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "log/types.h"
#include "zkmeta/runtime/async_event.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_config_znode.h"
#include "zkmeta/znodes/topic_znode.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

// What a broker learns from ZooKeeper. Callbacks run on the io executor.
struct metadata_listener {
  std::function<void(const std::map<int32_t, broker_info>&)> on_brokers;
  // nullopt: the topic was deleted.
  std::function<void(const std::string& topic, const std::optional<topic_assignment>&)> on_topic;
  std::function<void(const kb::topic_partition&, const leader_and_isr&, int32_t zk_version)> on_partition_state;
  std::function<void(const std::string& topic, const config_entries&)> on_topic_config;
};

// Keeps a broker's view of the cluster current by watching ZooKeeper directly: the children
// and data of /brokers/ids, /brokers/topics and each topic, each partition's state znode,
// and each /config/topics/<t>. (Kafka's brokers get the same facts pushed by the controller;
// watching the znodes the controller writes gives every broker the same leader epochs
// without a second channel.) One serial queue; watches only enqueue.
class metadata_watcher {
 public:
  metadata_watcher(zk_client& zk, boost::asio::any_io_executor ex, metadata_listener listener);

  // Reads everything and arms every watch. Completes once the first view was delivered:
  // true if every read succeeded, false if one failed (the session expired); then some of the
  // view is missing until a resync() returns true.
  boost::asio::awaitable<bool> start();
  // After a new session: watches are gone, so read and watch everything again. Completes
  // once all of it has been handled: true if every read succeeded, false if one failed
  // (connection loss, another expiry), the watcher stopped or its loop died; then the view
  // may be stale and the caller resyncs again.
  boost::asio::awaitable<bool> resync();
  void stop();

 private:
  enum class kind { brokers, topics, topic, state, config };
  struct event {
    kind what;
    std::string topic;
    int32_t partition = -1;
    uint64_t seq = 0;  // set by enqueue: events are handled in this order
  };
  void enqueue(event e);
  watch_callback watch_for(event e);
  boost::asio::awaitable<void> run(uint64_t generation);
  boost::asio::awaitable<void> handle(const event& e);
  boost::asio::awaitable<void> load_brokers();
  boost::asio::awaitable<void> load_topics();
  boost::asio::awaitable<void> load_topic(const std::string& topic);
  boost::asio::awaitable<void> load_state(const std::string& topic, int32_t partition);
  boost::asio::awaitable<void> load_config(const std::string& topic);

  zk_client& zk_;
  boost::asio::any_io_executor ex_;
  metadata_listener listener_;
  uint64_t generation_ = 0;
  bool running_ = false;
  // A ZooKeeper error other than "no node" on a read; counts toward a resync's verdict.
  void note_failure(const std::error_code& ec);

  std::deque<event> queue_;
  uint64_t enqueued_ = 0;      // the last seq given out
  uint64_t handled_through_ = 0;  // every event up to this seq has been handled
  uint64_t failed_reads_ = 0;
  uint64_t view_generation_ = 0;  // bumped by resync(): loads begun before it are stale
  bool loop_died_ = false;
  async_event wakeup_;
  async_event progress_;  // notified after each handled event
  std::set<std::string> topics_;
  std::map<std::string, std::set<int32_t>> partitions_;  // partitions whose state is watched
};

}  // namespace kb::zkmeta
