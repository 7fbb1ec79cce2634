#include "brokerd/tools/java_hash_order.h"

#include <algorithm>
#include <numeric>

namespace kb::tools {

std::vector<size_t> java_hash_map_order(const std::vector<std::string>& keys) {
  size_t buckets = 16;
  while (keys.size() > buckets * 3 / 4) buckets *= 2;
  std::vector<size_t> bucket_of(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto h = static_cast<uint32_t>(java_string_hash(keys[i]));
    bucket_of[i] = (h ^ (h >> 16)) & (buckets - 1);
  }
  std::vector<size_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bucket_of[a] < bucket_of[b]; });
  return order;
}

}  // namespace kb::tools
