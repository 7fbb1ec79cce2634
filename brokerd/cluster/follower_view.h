#pragma once

#include <functional>

#include "brokerd/cluster/replica_manager.h"
#include "replication/follower_partitions.h"

namespace kb::cluster {

// The replica manager as replica fetchers see it: a partition's log only while this broker
// follows it at the expected leader epoch, and the leader's high watermark passed on.
class follower_view final : public replication::follower_partitions {
 public:
  follower_view(replica_manager& replicas, std::function<int64_t()> now_ms)
      : replicas_(replicas), now_ms_(std::move(now_ms)) {}

  log::partition_log* follower_log(const topic_partition& tp, int32_t leader_epoch) override {
    partition* p = replicas_.get(tp);
    // An offline log (its dir failed) is no longer followed, as Kafka's handleLogDirFailure
    // removes its fetchers.
    if (!p || p->is_leader() || p->leader_epoch() != leader_epoch || p->log().offline()) return nullptr;
    return &p->log();
  }

  void on_fetched(const topic_partition& tp, int64_t leader_high_watermark) override {
    if (partition* p = replicas_.get(tp)) p->set_follower_high_watermark(leader_high_watermark);
  }

  int64_t high_watermark(const topic_partition& tp) override {
    partition* p = replicas_.get(tp);
    return p ? p->high_watermark() : 0;
  }

  void truncate(const topic_partition& tp, int64_t offset) override {
    if (partition* p = replicas_.get(tp)) p->truncate_as_follower(offset, now_ms_());
  }

  void restart_at(const topic_partition& tp, int64_t offset) override {
    if (partition* p = replicas_.get(tp)) p->restart_as_follower(offset, now_ms_());
  }

 private:
  replica_manager& replicas_;
  std::function<int64_t()> now_ms_;
};

}  // namespace kb::cluster
