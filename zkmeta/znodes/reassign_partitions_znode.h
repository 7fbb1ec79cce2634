#pragma once

// /admin/reassign_partitions: persistent; the legacy (ZooKeeper) way to ask the controller to
// move partitions (Kafka's ReassignPartitionsZNode). kafka-reassign-partitions --zookeeper
// creates it (only when absent: one batch at a time); the controller acts on its creation
// (exists watch), removes each partition once its reassignment completed or was refused, and
// deletes the znode when none is left. Its writes are controller-epoch-checked. Payload, keys
// in the Jackson bean's constructor order (zookeeper.md 1.3.12):
//
//   {"version":1,"partitions":[{"topic":"foo","partition":0,"replicas":[1,2,3]}]}
//
// Entries keep the order they were read in: Kafka's controller re-encodes a Scala Map, whose
// order is the insertion order up to 4 partitions (and a hash order beyond, not reproduced).
// decode() ignores unknown keys (a tool's "log_dirs") and does not check "version", as Kafka's
// Jackson decoding does not; a partition listed twice keeps its first position and its last
// replica list (Scala's toMap).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "log/types.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

// One partition and the replicas it should end up on (preferred leader first).
struct partition_reassignment {
  kb::topic_partition tp;
  std::vector<int32_t> replicas;
  bool operator==(const partition_reassignment&) const = default;
};

namespace reassign_partitions_znode {

inline std::string path() { return "/admin/reassign_partitions"; }
std::string encode(const std::vector<partition_reassignment>& partitions);
result<std::vector<partition_reassignment>> decode(std::string_view data);

}  // namespace reassign_partitions_znode
}  // namespace kb::zkmeta
