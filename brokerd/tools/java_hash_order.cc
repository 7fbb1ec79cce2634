#include "brokerd/tools/java_hash_order.h"

#include <algorithm>
#include <numeric>

namespace kb::tools {

std::vector<size_t> java_hash_map_order(const std::vector<std::string>& keys) {
  std::vector<int32_t> hashes;
  hashes.reserve(keys.size());
  for (const std::string& k : keys) hashes.push_back(java_string_hash(k));
  return java_hash_map_order(hashes);
}

std::vector<size_t> java_hash_map_order(const std::vector<int32_t>& hashes, std::optional<size_t> initial_capacity) {
  size_t buckets = 16;
  if (initial_capacity) {
    buckets = 1;  // HashMap.tableSizeFor: the smallest power of two >= the requested capacity
    while (buckets < *initial_capacity) buckets *= 2;
  }
  while (hashes.size() > buckets * 3 / 4) buckets *= 2;  // resize once size > (int) (capacity * 0.75f)
  std::vector<size_t> bucket_of(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) {
    const auto h = static_cast<uint32_t>(hashes[i]);
    bucket_of[i] = (h ^ (h >> 16)) & (buckets - 1);
  }
  std::vector<size_t> order(hashes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bucket_of[a] < bucket_of[b]; });
  return order;
}

int32_t java_topic_partition_hash(const std::string& topic, int32_t partition) {
  const uint32_t result = 31u + static_cast<uint32_t>(partition);
  return static_cast<int32_t>(31u * result + static_cast<uint32_t>(java_string_hash(topic)));
}

}  // namespace kb::tools
