#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>

#include "replication/follower_partitions.h"
#include "replication/leader_endpoint.h"
#include "zkmeta/async_event.h"

namespace kb::replication {

struct fetcher_settings {
  int32_t local_broker_id = 0;
  int32_t max_wait_ms = 500;             // replica.fetch.wait.max.ms
  int32_t min_bytes = 1;                 // replica.fetch.min.bytes
  int32_t partition_max_bytes = 1048576; // replica.fetch.max.bytes
  int32_t response_max_bytes = 10485760; // replica.fetch.response.max.bytes
  std::chrono::milliseconds backoff{1000};  // replica.fetch.backoff.ms
};

// Kafka's replica fetcher thread, as a coroutine: repeatedly fetches every partition this
// broker follows from one leader (as replica `local_broker_id`, so the leader counts it
// toward the ISR and high watermark), appends what arrives with the leader's offsets and
// epochs, and passes the leader's high watermark on. A partition whose leadership moved is
// dropped; one the leader no longer has in range is realigned to the leader's log.
class replica_fetcher {
 public:
  replica_fetcher(boost::asio::any_io_executor ex, std::unique_ptr<leader_endpoint> leader,
                  follower_partitions& partitions, fetcher_settings settings);
  ~replica_fetcher();

  void add_partition(const topic_partition& tp, int32_t leader_epoch);
  void remove_partition(const topic_partition& tp);
  bool empty() const { return partitions_.empty(); }
  void start();
  void stop();
  // Fetch rounds completed (tests wait on this).
  uint64_t rounds() const { return rounds_; }

 private:
  boost::asio::awaitable<void> run(uint64_t generation);
  boost::asio::awaitable<void> fetch_once();
  // Looks the log up again after asking the leader: the replica may have been deleted
  // meanwhile (topic deletion, reassignment away).
  boost::asio::awaitable<void> realign(const topic_partition& tp, int32_t epoch);

  boost::asio::any_io_executor ex_;
  std::unique_ptr<leader_endpoint> leader_;
  follower_partitions& follower_;
  fetcher_settings settings_;
  std::map<topic_partition, int32_t> partitions_;  // partition -> leader epoch followed
  kb::async_event changed_;
  bool running_ = false;
  uint64_t generation_ = 0;
  uint64_t rounds_ = 0;
};

}  // namespace kb::replication
