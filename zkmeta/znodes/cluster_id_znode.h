#pragma once

// /cluster/id: persistent, created by the first broker: {"version":"1","id":"IOejp_IKSbWbySJc0sRrKw"}
// ("version" is the STRING "1"; the id is a random UUID as 22 chars of unpadded base64url).
// Key order is insertion order. See ../shared/reference/zookeeper.md 1.3.4.

#include <string>
#include <string_view>

#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta::cluster_id_znode {

inline std::string path() { return "/cluster/id"; }
std::string encode(std::string_view cluster_id);
// The id; "version" may be absent or a string or a number.
result<std::string> decode(std::string_view data);

}  // namespace kb::zkmeta::cluster_id_znode
