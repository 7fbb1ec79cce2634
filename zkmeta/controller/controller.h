#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>
#include <set>
#include <string>

#include "log/types.h"
#include "zkmeta/async_event.h"
#include "zkmeta/znodes/controller_epoch_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_znode.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

struct controller_settings {
  bool unclean_leader_election = false;  // unclean.leader.election.enable (topic config overrides)
};

// The elected controller's brain (Kafka's KafkaController in ZooKeeper mode): one serial
// event queue fed by watches on /brokers/ids, /brokers/topics (and each topic),
// /admin/delete_topics and /isr_change_notification. It writes each partition's state znode
// (leader, leader_epoch, isr, controller_epoch) for new topics and partitions, moves
// leadership when brokers die or return, and deletes topics. Brokers learn the decisions by
// watching the state znodes. Every write is fenced by the controller epoch: a multi that
// checks /controller_epoch's dataVersion, so a deposed controller changes nothing.
class controller {
 public:
  struct cached_state {
    leader_and_isr state;
    int32_t zk_version = -1;
  };

  controller(zk_client& zk, kb::broker_id id, boost::asio::any_io_executor ex, controller_settings settings);
  ~controller();

  // Starts acting as controller for `epoch` (from the election).
  void start(controller_epoch epoch, int32_t epoch_zk_version);
  // Stops acting; queued events are dropped and watches already armed are ignored.
  void stop();
  bool active() const { return active_; }

  // Kafka's controlled shutdown: moves every partition `broker` leads (with more than one
  // replica) to another live ISR member that is not shutting down, and removes `broker`
  // from the ISRs it is in. Returns the partitions it still leads (none could take over),
  // or nullopt if this broker is not (or stopped being) the controller.
  boost::asio::awaitable<std::optional<std::vector<kb::topic_partition>>> controlled_shutdown(int32_t broker);

  // Test and tool visibility: the controller's view.
  const std::set<int32_t>& live_brokers() const { return live_; }
  const std::map<kb::topic_partition, cached_state>& states() const { return states_; }
  // Events processed so far (tests wait on this instead of sleeping).
  uint64_t events_processed() const { return events_processed_; }

 private:
  enum class event_kind { startup, broker_change, topic_change, topic_modified, delete_topics, isr_change,
                          controlled_shutdown };
  struct shutdown_request {
    int32_t broker = -1;
    std::vector<kb::topic_partition> remaining;
    bool done = false;
  };
  struct event {
    event_kind kind;
    std::string topic;
  };

  void enqueue(event e);
  watch_callback watch_for(event e);
  boost::asio::awaitable<void> run(uint64_t generation);
  boost::asio::awaitable<void> handle(const event& e);
  boost::asio::awaitable<void> on_startup();
  boost::asio::awaitable<void> on_broker_change();
  boost::asio::awaitable<void> on_topic_change();
  boost::asio::awaitable<void> on_topic_modified(const std::string& topic);
  boost::asio::awaitable<void> on_delete_topics();
  boost::asio::awaitable<void> on_isr_change();
  boost::asio::awaitable<void> on_controlled_shutdown();

  boost::asio::awaitable<void> load_topic(const std::string& topic);
  boost::asio::awaitable<void> init_partitions(const std::string& topic);
  boost::asio::awaitable<void> reelect();
  boost::asio::awaitable<std::optional<leader_and_isr>> reelection_for(const kb::topic_partition& tp);
  std::optional<leader_and_isr> shutdown_move_for(const kb::topic_partition& tp, int32_t broker);
  boost::asio::awaitable<bool> allow_unclean(const std::string& topic);
  boost::asio::awaitable<void> delete_topic(const std::string& topic);
  // Writes a state znode under the epoch fence. `conflict`: the znode changed since it was
  // cached (it is re-read; decide again); `fenced`: a newer controller exists (this one stops).
  enum class write_outcome { written, conflict, fenced, failed };
  static constexpr int max_write_attempts = 3;
  boost::asio::awaitable<write_outcome> write_state(const kb::topic_partition& tp, const leader_and_isr& s,
                                                   bool create);

  zk_client& zk_;
  kb::broker_id id_;
  boost::asio::any_io_executor ex_;
  controller_settings settings_;
  bool active_ = false;
  uint64_t generation_ = 0;
  controller_epoch epoch_{0};
  int32_t epoch_zk_version_ = -1;
  std::deque<event> queue_;
  async_event wakeup_;
  uint64_t events_processed_ = 0;
  std::deque<std::shared_ptr<shutdown_request>> shutdown_requests_;
  async_event shutdown_done_;
  std::set<int32_t> shutting_down_;  // excluded from leader elections until they leave

  std::set<int32_t> live_;
  std::map<std::string, topic_assignment> topics_;
  std::map<kb::topic_partition, cached_state> states_;
};

}  // namespace kb::zkmeta
