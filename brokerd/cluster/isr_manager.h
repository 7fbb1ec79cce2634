#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <functional>
#include <set>

#include "brokerd/cluster/replica_manager.h"
#include "replication/isr_updater.h"

namespace kb::cluster {

// The leader's side of the ISR: shrinks it when followers lag longer than
// replica.lag.time.max.ms (checked every half of that, as Kafka does), grows it when an
// out-of-sync follower catches up, and writes each change to ZooKeeper. One write per
// partition at a time; the metadata watcher then confirms the new state.
class isr_manager {
 public:
  isr_manager(replica_manager& replicas, zkmeta::zk_client& zk, boost::asio::any_io_executor ex,
              int64_t lag_time_max_ms, std::function<int64_t()> now_ms);

  void check_shrink();
  void on_follower_caught_up(const topic_partition& tp, int32_t follower);
  int64_t check_interval_ms() const { return lag_time_max_ms_ / 2; }
  // ISR changes written to ZooKeeper so far (Kafka's IsrShrinksPerSec / IsrExpandsPerSec).
  uint64_t shrinks() const { return shrinks_; }
  uint64_t expands() const { return expands_; }

 private:
  enum class isr_change { shrink, expand };
  void write(partition& p, std::vector<int32_t> isr, isr_change change);

  replica_manager& replicas_;
  replication::isr_updater updater_;
  boost::asio::any_io_executor ex_;
  int64_t lag_time_max_ms_;
  std::function<int64_t()> now_ms_;
  std::set<topic_partition> writing_;
  uint64_t shrinks_ = 0;
  uint64_t expands_ = 0;
};

}  // namespace kb::cluster
