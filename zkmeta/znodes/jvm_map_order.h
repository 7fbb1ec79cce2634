#pragma once

// jvm_map_order: the order in which the JVM hash maps Kafka serialises iterate their keys, so our
// znode JSON matches Kafka's byte for byte (../shared/reference/zookeeper.md, Appendix A).
// Parsers never depend on this; only `zkCli get` output does. Keys are assumed to be ASCII
// (topic-partition numbers, config names).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zkmeta/java_string_hash.h"

namespace kb::zkmeta {

// Scala 2.13 mutable.HashMap filled by put() from empty (initial table 16, load factor 0.75,
// doubling before an insert that would reach the threshold). Iteration goes bucket 0 upwards,
// bucket = (h ^ (h >>> 16)) & (table - 1), entries in a bucket by that improved hash. Depends
// only on the key set. Used for the "partitions"/"adding_replicas"/"removing_replicas" maps of
// /brokers/topics/<t>: 3 partitions -> "0","1","2"; 12 -> "11","0",...,"10".
std::vector<std::string> scala213_hash_map_order(std::vector<std::string> keys);

// java.util.Properties on Java 9+ (a ConcurrentHashMap, initial table 16): bucket =
// (h ^ (h >>> 16)) & 0x7fffffff & (table - 1), new keys appended to their bucket, resize when
// the count reaches 0.75 * table with ConcurrentHashMap's bucket split. Keys in insertion order;
// duplicates keep their first position. Used for the "config" map of /config/<type>/<name>.
std::vector<std::string> java_properties_order(const std::vector<std::string>& keys_in_insertion_order);

}  // namespace kb::zkmeta
