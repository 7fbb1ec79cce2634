#pragma once

// /brokers/topics/<topic>: persistent; the replica assignment (Kafka's TopicZNode). We write
// version 3 with the Scala 2.13 build's key order (zookeeper.md 1.3.5 and Appendix A):
//
//   {"partitions":{"0":[1,0,2],"1":[0,2,1],"2":[2,1,0]},"topic_id":"DNNwhXqQCOW61shM7zZ2Q",
//    "adding_replicas":{},"removing_replicas":{},"version":3}               (one line)
//
// "topic_id" is omitted when the topic has none. The three partition maps are Scala 2.13
// mutable.HashMaps filled from empty, so their keys come out in that map's hash order, which we
// reproduce exactly for any partition count (jvm_map_order.h): ascending for up to 11
// partitions ("0".."10"), then e.g. "11","0","1",...,"10" for 12. A replica list's order is the
// preference order (element 0 is the preferred leader). During a reassignment "partitions"
// holds target + original replicas and adding/removing hold the two halves.
// decode() also reads v1 (partitions only) and v2 (no topic_id).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

// partition -> replica broker ids (same shape as admin/replica_assignment's assignment_map).
using replica_assignment = std::map<int32_t, std::vector<int32_t>>;

struct topic_assignment {
  std::optional<std::string> topic_id;  // 22-char base64url UUID
  replica_assignment partitions;
  replica_assignment adding_replicas;    // only partitions being reassigned
  replica_assignment removing_replicas;  // only partitions being reassigned
  int32_t version = 3;                   // as read; encode() always writes 3
  bool operator==(const topic_assignment&) const = default;
};

namespace topics_znode {
inline std::string path() { return "/brokers/topics"; }
}  // namespace topics_znode

namespace topic_znode {

inline std::string path(std::string_view topic) { return topics_znode::path() + "/" + std::string(topic); }
std::string encode(const topic_assignment& topic);
result<topic_assignment> decode(std::string_view data);

}  // namespace topic_znode
}  // namespace kb::zkmeta
