#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb::tools {

// Java's String.hashCode() of a UTF-8 string (computed over its UTF-16 code units, as Java
// sees the string): s[0]*31^(n-1) + ... + s[n-1], in wrapping 32-bit arithmetic.
int32_t java_string_hash(std::string_view utf8);

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

}  // namespace kb::tools
