#include "zkmeta/znodes/preferred_replica_election_znode.h"

#include <algorithm>

#include "zkmeta/znodes/isr_change_notification_znode.h"

namespace kb::zkmeta::preferred_replica_election_znode {

// Same shape as an ISR change notification: {"version":1,"partitions":[{"topic","partition"}...]}.
std::string encode(const std::vector<kb::topic_partition>& partitions) {
  return isr_change_notification_sequence_znode::encode(partitions);
}

result<std::vector<kb::topic_partition>> decode(std::string_view data) {
  result<std::vector<kb::topic_partition>> listed = isr_change_notification_sequence_znode::decode(data);
  if (!listed) return listed.error();
  std::vector<kb::topic_partition> out = std::move(listed.value());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace kb::zkmeta::preferred_replica_election_znode
