#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zkmeta/java_string_hash.h"

namespace kb::tools {

using zkmeta::java_string_hash;

// The order in which a java.util.HashMap<String, V> built with `new HashMap<>()` and filled
// with `keys` (in this order, all distinct) iterates them, as indexes into `keys`.
//
// Kafka's tools print some collections straight out of such maps: TopicCommand's
// "Configs: k=v,..." column walks org.apache.kafka.clients.admin.Config, whose entries live in a
// HashMap. The order follows from HashMap's rules: the table starts with 16 buckets and doubles
// whenever the size exceeds 3/4 of it; a key's bucket is (h ^ (h >>> 16)) & (buckets - 1) with h
// its hashCode; iteration walks the buckets in index order and each bucket's chain in insertion
// order (resizing keeps that relative order). Tree bins, used for chains of 8 or more, are
// ignored: they do not occur with the few dozen config names involved.
std::vector<size_t> java_hash_map_order(const std::vector<std::string>& keys);

// The same for keys given by their hashCode() values, in insertion order. `initial_capacity`
// is the argument of `new HashMap<>(n)` (rounded up to a power of two as Java does); without
// it, the default constructor's 16 buckets. Only the final table size matters: a resize keeps
// each bucket's chain in insertion order.
std::vector<size_t> java_hash_map_order(const std::vector<int32_t>& hashes,
                                        std::optional<size_t> initial_capacity = std::nullopt);

// org.apache.kafka.common.TopicPartition.hashCode(): 31 * (31 + partition) + topic.hashCode().
int32_t java_topic_partition_hash(const std::string& topic, int32_t partition);

}  // namespace kb::tools
