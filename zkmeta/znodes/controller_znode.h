#pragma once

// /controller: ephemeral, created directly with data by the elected controller.
//   v1 (Kafka 2.8-3.3, what we write): {"version":1,"brokerid":0,"timestamp":"1535943857541"}
//   v2 (3.4+, read only):              {"version":2,"brokerid":0,"timestamp":"...","kraftControllerEpoch":-1}
// Key order is insertion order (a Scala map of <= 4 entries). Readers only need brokerid; very
// old Kafka wrote a bare broker id, which decode() also accepts.
// See ../shared/reference/zookeeper.md 1.3.2.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "log/types.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

struct controller_info {
  kb::broker_id broker{-1};
  int64_t timestamp_ms = -1;  // -1 when absent
  int32_t version = 1;
  std::optional<int32_t> kraft_controller_epoch;  // v2 only
  bool operator==(const controller_info&) const = default;
};

namespace controller_znode {

inline std::string path() { return "/controller"; }
std::string encode(kb::broker_id broker, int64_t timestamp_ms);
result<controller_info> decode(std::string_view data);

}  // namespace controller_znode
}  // namespace kb::zkmeta
