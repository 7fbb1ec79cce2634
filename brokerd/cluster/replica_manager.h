#pragma once

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "brokerd/cluster/partition.h"
#include "log/log_manager.h"
#include "zkmeta/runtime/clock.h"

namespace kb::cluster {

// The partitions this broker holds a replica of (Kafka's ReplicaManager, minus fetching):
// creates and deletes their logs as the controller's decisions arrive, and holds the
// requests parked on them (acks=all produces, long-polling fetches; Kafka's produce and
// fetch purgatories), which each partition wakes itself. Runs on the broker's I/O thread.
class replica_manager {
 public:
  replica_manager(log::log_manager& logs, int32_t local_broker_id, kb::clock& clock);

  partition* get(const topic_partition& tp);
  std::vector<topic_partition> partitions() const;

  // Makes the local replica follow `state`: creates the log if this broker is in the
  // replica list (with `cfg`), drops it if it no longer is. Returns the partition, or
  // nullptr if this broker holds no replica. Until startup_view_applied(), a replica is one
  // this broker held before it started, and a log dir that failed at startup may hold it:
  // then it gets an offline log instead of a new one (log::replica_age).
  partition* apply(const topic_partition& tp, const partition_state& state, const log::log_config& cfg,
                   int64_t now_ms);
  // The metadata watcher delivered its first full view: every replica applied from here on
  // was assigned to this broker since it started (a new topic, partition or reassignment).
  void startup_view_applied() { startup_view_applied_ = true; }
  // Persists every replica's high watermark (replication-offset-checkpoint), so a restarted
  // broker serves what was committed at once instead of waiting for its followers.
  void write_high_watermarks();
  // Deletes the local replica and its log (topic deletion or reassignment away); requests
  // parked on it are woken to find it gone.
  void remove(const topic_partition& tp);

  // Set by the broker: an out-of-sync follower of a partition led here caught up.
  std::function<void(const topic_partition&, int32_t follower)> on_follower_caught_up;

  // Requests parked on a partition, keyed by it (hosted or not: a waiter learns it is gone).
  partition::waiters& waiting() { return waiting_; }
  int32_t local_broker_id() const { return local_id_; }

 private:
  log::log_manager& logs_;
  int32_t local_id_;
  partition::waiters waiting_;  // declared before partitions_, which refer to it
  std::map<topic_partition, std::unique_ptr<partition>> partitions_;
  bool startup_view_applied_ = false;
};

}  // namespace kb::cluster
