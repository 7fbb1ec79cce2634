#include "zkmeta/znodes/jvm_map_order.h"

#include <algorithm>
#include <utility>

namespace kb::zkmeta {
namespace {

// h ^ (h >>> 16), as both maps spread String.hashCode.
int32_t improved_hash(int32_t h) {
  const auto u = static_cast<uint32_t>(h);
  return static_cast<int32_t>(u ^ (u >> 16));
}

}  // namespace

std::vector<std::string> scala213_hash_map_order(std::vector<std::string> keys) {
  // The table only grows, and before each insert: after n inserts it is the smallest power of
  // two >= 16 whose threshold (0.75 * size) exceeds n.
  uint32_t table = 16;
  while (keys.size() >= table * 3 / 4) table *= 2;
  const auto mask = static_cast<int32_t>(table - 1);
  std::stable_sort(keys.begin(), keys.end(), [mask](const std::string& a, const std::string& b) {
    const int32_t ha = improved_hash(java_string_hash(a));
    const int32_t hb = improved_hash(java_string_hash(b));
    return std::pair(ha & mask, ha) < std::pair(hb & mask, hb);
  });
  return keys;
}

std::vector<std::string> java_properties_order(const std::vector<std::string>& keys_in_insertion_order) {
  struct entry {
    std::string key;
    int32_t hash;  // spread: non-negative
  };
  std::size_t n = 16;
  std::vector<std::vector<entry>> bins(n);
  std::size_t count = 0;
  std::size_t resize_at = n - n / 4;
  for (const std::string& key : keys_in_insertion_order) {
    const int32_t hash = improved_hash(java_string_hash(key)) & 0x7fffffff;
    auto& bin = bins[static_cast<std::size_t>(hash) & (n - 1)];
    if (std::any_of(bin.begin(), bin.end(), [&](const entry& e) { return e.key == key; })) continue;
    bin.push_back({key, hash});
    if (++count < resize_at) continue;

    // ConcurrentHashMap.transfer: each bin splits into a "low" and a "high" bin. The longest
    // tail whose entries all go the same way is kept as is; the entries before it are
    // prepended one by one to their new bin (so they end up reversed).
    std::vector<std::vector<entry>> grown(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& old = bins[i];
      if (old.empty()) continue;
      const auto goes_high = [n](const entry& e) { return (static_cast<std::size_t>(e.hash) & n) != 0; };
      std::size_t last_run = 0;
      for (std::size_t j = 1; j < old.size(); ++j) {
        if (goes_high(old[j]) != goes_high(old[last_run])) last_run = j;
      }
      std::vector<entry> low, high;
      (goes_high(old[last_run]) ? high : low).assign(old.begin() + static_cast<std::ptrdiff_t>(last_run), old.end());
      for (std::size_t j = 0; j < last_run; ++j) {
        auto& dest = goes_high(old[j]) ? high : low;
        dest.insert(dest.begin(), old[j]);
      }
      grown[i] = std::move(low);
      grown[i + n] = std::move(high);
    }
    bins = std::move(grown);
    n *= 2;
    resize_at = n - n / 4;
  }
  std::vector<std::string> out;
  out.reserve(count);
  for (const auto& bin : bins) {
    for (const entry& e : bin) out.push_back(e.key);
  }
  return out;
}

}  // namespace kb::zkmeta
