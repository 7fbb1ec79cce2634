#pragma once

// producer_id_allocator: hands out producer ids (InitProducerId) from blocks of 1000 reserved in
// /latest_producer_id_block, as Kafka's ZkProducerIdManager does: read the znode and its version,
// write the next block (previous block_end + 1, or 0 when the znode holds null) with a setData
// conditional on that version, and on bad_version re-read and try again until a write wins.
// Blocks are therefore disjoint across brokers and increasing in the order they were taken.
// Unlike Kafka (which creates the znode at startup and would spin without it), a missing znode
// is created holding the first block.
//
// Threading: io thread only; the zk_client must outlive the allocator. Overlapping next() calls
// are safe (ids stay unique) but may each reserve a block, leaving part of one unused.

#include <cstdint>
#include <optional>
#include <system_error>

#include "log/types.h"
#include "zkmeta/zk_client.h"
#include "zkmeta/znodes/producer_id_block_znode.h"

namespace kb::zkmeta {

enum class producer_id_errc {
  exhausted = 1,  // the next block would pass INT64_MAX (Kafka: "Have exhausted all producerIds.")
};
const std::error_category& producer_id_category();
inline std::error_code make_error_code(producer_id_errc e) { return {static_cast<int>(e), producer_id_category()}; }

// ZkProducerIdManager.getNewProducerIdBlock: reserves the next block for `broker`. Errors:
// ZooKeeper's (zk_errc), an undecodable znode (znode_errc), exhausted.
awaitable<result<producer_id_block>> allocate_producer_id_block(zk_client& zk, kb::broker_id broker);

class producer_id_allocator {
 public:
  producer_id_allocator(zk_client& zk, kb::broker_id broker) : zk_(zk), broker_(broker) {}

  // The next id of the current block; reserves a new block first when none is left (the first
  // call always does).
  awaitable<result<int64_t>> next();

  // The block ids currently come from, if any.
  const std::optional<producer_id_block>& current_block() const { return block_; }

 private:
  zk_client& zk_;
  kb::broker_id broker_;
  std::optional<producer_id_block> block_;
  int64_t next_id_ = 0;
};

}  // namespace kb::zkmeta

template <>
struct std::is_error_code_enum<kb::zkmeta::producer_id_errc> : std::true_type {};
