#pragma once

// /brokers/topics/<t>/partitions/<p>/state: persistent; leader, ISR and epochs of one partition
// (Kafka's TopicPartitionStateZNode). Key order is that of Kafka's 5-entry immutable Scala map,
// the same on 2.12 and 2.13 (zookeeper.md 1.3.6):
//
//   {"controller_epoch":1,"leader":2,"version":1,"leader_epoch":0,"isr":[2,3,1]}
//   {"controller_epoch":5,"leader":3,"version":1,"leader_recovery_state":1,"leader_epoch":7,"isr":[3]}
//
// leader_recovery_state is written only when it is 1 (RECOVERING, after an unclean election).
// The znode's dataVersion is the partition epoch ("zkVersion"): every update is a conditional
// setData on it. The parents .../partitions and .../partitions/<p> hold null data.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "log/types.h"
#include "zkmeta/znodes/controller_epoch_znode.h"
#include "zkmeta/znodes/topic_znode.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

struct leader_and_isr {
  kb::broker_id leader{-1};  // -1: no leader
  kb::leader_epoch leader_epoch{0};
  std::vector<int32_t> isr;  // in the order it was computed (not sorted)
  kb::controller_epoch controller_epoch{0};
  int32_t leader_recovery_state = 0;  // 0 RECOVERED, 1 RECOVERING
  bool operator==(const leader_and_isr&) const = default;
};

namespace topic_partitions_znode {
inline std::string path(std::string_view topic) { return topic_znode::path(topic) + "/partitions"; }
}  // namespace topic_partitions_znode

namespace topic_partition_znode {
inline std::string path(std::string_view topic, int32_t partition) {
  return topic_partitions_znode::path(topic) + "/" + std::to_string(partition);
}
}  // namespace topic_partition_znode

namespace partition_state_znode {

inline std::string path(std::string_view topic, int32_t partition) {
  return topic_partition_znode::path(topic, partition) + "/state";
}
std::string encode(const leader_and_isr& state);
result<leader_and_isr> decode(std::string_view data);

}  // namespace partition_state_znode
}  // namespace kb::zkmeta
