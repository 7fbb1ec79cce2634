#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kb::tools {

// The iteration order of the Scala 2.13 collections Kafka 3.5's kafka-consumer-groups
// (kafka.admin.ConsumerGroupCommand, Scala) prints from, as indexes into the keys in insertion
// order, given each key's hashCode(). Like java_hash_map_order, this lets the tool list rows
// and options in the order Kafka's would.

// scala.collection.immutable.Map / Set built from keys in this order (`.toMap`, `Set(...)`):
// up to four entries are the special Map1..Map4 / Set1..Set4 classes, which keep insertion
// order; from five on, a CHAMP trie (immutable.HashMap / HashSet) over the improved hash
// (Hashing.improve), 5 bits a level from the lowest: at each node the keys stored inline come
// first, by their 5-bit slot, then the sub-nodes, by slot, each walked the same way.
std::vector<size_t> scala_immutable_order(const std::vector<int32_t>& hashes);

// The CHAMP order alone (immutable.HashMap / HashSet of any size).
std::vector<size_t> scala_champ_order(const std::vector<int32_t>& hashes);

// scala.collection.mutable.HashMap (Scala's own, as `.map` on a wrapped Java map builds it):
// 16 buckets, doubled before an insertion would reach 0.75 * buckets; bucket = h ^ (h >>> 16)
// masked, each bucket's chain sorted by that improved hash.
std::vector<size_t> scala_mutable_hash_order(const std::vector<int32_t>& hashes);

// scala.collection.Hashing.improve.
int32_t scala_improve_hash(int32_t hash);

}  // namespace kb::tools
