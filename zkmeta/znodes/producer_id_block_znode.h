#pragma once

// /latest_producer_id_block: persistent; the last block of producer ids handed out to any broker
// (Kafka's ProducerIdBlockZNode). Null until the first block is taken. Payload (a small Scala
// map, so insertion order; the ids are STRINGS, version and broker are numbers):
//   {"version":1,"broker":0,"block_start":"0","block_end":"999"}
// Blocks hold 1000 ids; the next block starts at block_end + 1. Updated only with a conditional
// setData on the znode's version. See ../shared/reference/zookeeper.md 1.3.14.

#include <cstdint>
#include <string>
#include <string_view>

#include "log/types.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

// Kafka's ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE (not configurable).
inline constexpr int32_t producer_id_block_size = 1000;

struct producer_id_block {
  kb::broker_id broker{0};  // the broker the block was assigned to
  int64_t first_id = 0;
  int32_t size = producer_id_block_size;
  int64_t last_id() const { return first_id + size - 1; }
  int64_t next_block_first_id() const { return first_id + size; }
  bool operator==(const producer_id_block&) const = default;
};

namespace producer_id_block_znode {

inline std::string path() { return "/latest_producer_id_block"; }
std::string encode(const producer_id_block& block);
// Accepts the ids as strings (as Kafka writes them) or numbers; block_end < block_start and
// blocks larger than INT32_MAX are invalid_value.
result<producer_id_block> decode(std::string_view data);

}  // namespace producer_id_block_znode
}  // namespace kb::zkmeta
