#pragma once

// /isr_change_notification/isr_change_<seq>: persistent sequential; posted by a partition
// leader after it changed ISRs itself (IBP < 2.7-IV2, our chosen mode), watched (children) and
// deleted by the controller. Payload, key order as Kafka writes it (small Scala maps keep
// insertion order):
//   {"version":1,"partitions":[{"topic":"t","partition":0},{"topic":"t","partition":3}]}
// See ../shared/reference/zookeeper.md 1.3.9 and 5.6.

#include <string>
#include <string_view>
#include <vector>

#include "log/types.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

namespace isr_change_notification_znode {
inline std::string path() { return "/isr_change_notification"; }
}  // namespace isr_change_notification_znode

namespace isr_change_notification_sequence_znode {

inline constexpr std::string_view prefix = "isr_change_";
// path() is what to create with persistent_sequential; path(seq) names an existing child.
inline std::string path(std::string_view sequence_number = "") {
  return isr_change_notification_znode::path() + "/" + std::string(prefix) + std::string(sequence_number);
}
// "isr_change_0000000003" or a full path -> "0000000003".
std::string sequence_number(std::string_view name_or_path);

std::string encode(const std::vector<kb::topic_partition>& partitions);
result<std::vector<kb::topic_partition>> decode(std::string_view data);

}  // namespace isr_change_notification_sequence_znode
}  // namespace kb::zkmeta
