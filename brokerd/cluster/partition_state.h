#pragma once

#include <cstdint>
#include <vector>

namespace kb::cluster {

// A partition's leadership as the controller decided it: the content of
// /brokers/topics/<t>/partitions/<p>/state plus the replica assignment.
struct partition_state {
  int32_t leader = -1;
  int32_t leader_epoch = 0;
  int32_t controller_epoch = 0;
  std::vector<int32_t> isr;
  std::vector<int32_t> replicas;
  // Replicas a reassignment is removing (the topic znode's "removing_replicas"): the leader
  // does not add them back to the ISR the controller takes them out of.
  std::vector<int32_t> removing_replicas;
  int32_t zk_version = -1;  // of the state znode, for conditional ISR updates

  bool operator==(const partition_state&) const = default;
};

}  // namespace kb::cluster
