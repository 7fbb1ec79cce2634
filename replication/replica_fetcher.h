#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "replication/follower_partitions.h"
#include "replication/leader_endpoint.h"
#include "zkmeta/runtime/async_event.h"

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
//
// Invariant: a partition added (or re-added at a new leader epoch) fetches nothing until its
// log has been truncated to where it agrees with the leader's, by OffsetForLeaderEpoch
// (KIP-101, KIP-279); responses to fetches sent at an older epoch are discarded. A partition
// that fails (its leadership in flux on either side) waits `backoff` on its own while the
// others carry on (Kafka's delayed partitions), and no long poll outlasts that wait;
// re-adding it ends the wait. A partition added while a long poll that does not ask for it
// is out ends that poll (the connection is dropped and the fetch sent again at once).
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
  // Whether `tp` is followed and its log agrees with the leader's (tests).
  bool truncated(const topic_partition& tp) const {
    auto it = partitions_.find(tp);
    return it != partitions_.end() && !it->second.truncating;
  }

 private:
  using clock = std::chrono::steady_clock;
  struct followed_partition {
    int32_t leader_epoch = -1;
    bool truncating = true;     // must agree with the leader's log before fetching
    clock::time_point retry_at;  // after an error, not asked about before this
    int in_flux_retries = 0;     // leadership-in-flux errors since the last good answer
  };

  boost::asio::awaitable<void> run(uint64_t generation);
  // One round: truncation for partitions that need it, then one Fetch. Every step after a
  // round trip first checks that `generation` still runs (stop() may have come meanwhile).
  boost::asio::awaitable<void> fetch_once(uint64_t generation);
  boost::asio::awaitable<void> truncate_diverged_logs(uint64_t generation);
  boost::asio::awaitable<void> realign(const topic_partition& tp, int32_t epoch, uint64_t generation);
  // Holds `tp` back for `backoff` if it is still followed at `epoch`; after an error that
  // means leadership is in flux, briefly at first, doubling up to `backoff`.
  void delay(const topic_partition& tp, int32_t epoch, std::optional<protocol::error_code> error = std::nullopt);
  bool ready(const followed_partition& f, clock::time_point now) const { return f.retry_at <= now; }
  // The local log of `tp` while it is still followed at `epoch`; otherwise nullptr (and a
  // partition whose log is gone stops being followed).
  log::partition_log* still_following(const topic_partition& tp, int32_t epoch);

  boost::asio::any_io_executor ex_;
  std::unique_ptr<leader_endpoint> leader_;
  follower_partitions& follower_;
  fetcher_settings settings_;
  std::map<topic_partition, followed_partition> partitions_;
  kb::async_event changed_;
  bool running_ = false;
  uint64_t generation_ = 0;
  uint64_t rounds_ = 0;
  // While a long-polling Fetch is out: the partitions and epochs it asks for.
  const std::map<topic_partition, int32_t>* long_poll_in_flight_ = nullptr;
  // add_partition closed the connection under that Fetch; its failure is not an error.
  bool interrupted_ = false;
};

}  // namespace kb::replication
