#pragma once

#include "brokerd/cluster/replica_manager.h"
#include "replication/follower_partitions.h"

namespace kb::cluster {

// The replica manager as replica fetchers see it: a partition's log only while this broker
// follows it at the expected leader epoch, and the leader's high watermark passed on.
class follower_view final : public replication::follower_partitions {
 public:
  explicit follower_view(replica_manager& replicas) : replicas_(replicas) {}

  log::partition_log* follower_log(const topic_partition& tp, int32_t leader_epoch) override {
    partition* p = replicas_.get(tp);
    if (!p || p->is_leader() || p->leader_epoch() != leader_epoch) return nullptr;
    return &p->log();
  }

  void on_fetched(const topic_partition& tp, int64_t leader_high_watermark) override {
    if (partition* p = replicas_.get(tp)) p->set_follower_high_watermark(leader_high_watermark);
  }

 private:
  replica_manager& replicas_;
};

}  // namespace kb::cluster
