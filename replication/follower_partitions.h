#pragma once

#include <cstdint>

#include "log/partition_log.h"
#include "log/types.h"

namespace kb::replication {

// What a fetcher needs from the broker about the partitions it follows. Implemented by the
// broker over its replica manager; faked in tests.
class follower_partitions {
 public:
  virtual ~follower_partitions() = default;
  // The local log while this broker still follows `tp` at `leader_epoch`; nullptr otherwise
  // (the leadership moved on: the fetcher drops the partition).
  virtual log::partition_log* follower_log(const topic_partition& tp, int32_t leader_epoch) = 0;
  // Called after each fetch response for `tp` with the leader's high watermark.
  virtual void on_fetched(const topic_partition& tp, int64_t leader_high_watermark) = 0;
  // The follower's high watermark (what it knows to be committed).
  virtual int64_t high_watermark(const topic_partition& tp) = 0;
  // Cuts the follower's log back to end at `offset` (never below what the leader keeps),
  // keeping the high watermark within the log.
  virtual void truncate(const topic_partition& tp, int64_t offset) = 0;
  // Restarts the follower's log, empty, at the leader's log start `offset`.
  virtual void restart_at(const topic_partition& tp, int64_t offset) = 0;
};

}  // namespace kb::replication
