#pragma once

// /controller_epoch: persistent; the epoch of the current controller as plain decimal text (not
// JSON), e.g. "1". Created with "0" by the first election; every election writes epoch + 1 with
// a conditional setData, so on a healthy cluster its dataVersion equals the epoch. Controller
// writes are fenced with check(/controller_epoch, <dataVersion at election>) in a multi.
// See ../shared/reference/zookeeper.md 1.3.3 and 3.2.

#include <cstdint>
#include <string>
#include <string_view>

#include "log/types.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb {
// Kafka controller epoch: bumped by one on every controller election.
using controller_epoch = named_type<int32_t, struct controller_epoch_tag>;
}  // namespace kb

namespace kb::zkmeta::controller_epoch_znode {

// Kafka's KafkaController.InitialControllerEpoch / InitialControllerEpochZkVersion.
inline constexpr controller_epoch initial_epoch{0};
inline constexpr int32_t initial_zk_version = 0;

inline std::string path() { return "/controller_epoch"; }
std::string encode(controller_epoch epoch);
// A 32-bit decimal, whole string; malformed otherwise.
result<controller_epoch> decode(std::string_view data);

}  // namespace kb::zkmeta::controller_epoch_znode
