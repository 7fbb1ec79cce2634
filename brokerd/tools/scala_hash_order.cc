#include "brokerd/tools/scala_hash_order.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace kb::tools {
namespace {

// Appends to `out` the CHAMP order of `keys` (indexes) below a node at `shift`.
void champ_walk(const std::vector<uint32_t>& improved, const std::vector<size_t>& keys, int shift,
                std::vector<size_t>& out) {
  if (shift >= 32) {  // equal 32-bit hashes: a collision node keeps insertion order
    out.insert(out.end(), keys.begin(), keys.end());
    return;
  }
  std::map<uint32_t, std::vector<size_t>> slots;
  for (size_t k : keys) slots[(improved[k] >> shift) & 31u].push_back(k);
  for (const auto& [slot, in_slot] : slots) {
    if (in_slot.size() == 1) out.push_back(in_slot.front());
  }
  for (const auto& [slot, in_slot] : slots) {
    if (in_slot.size() > 1) champ_walk(improved, in_slot, shift + 5, out);
  }
}

}  // namespace

int32_t scala_improve_hash(int32_t hash) {
  uint32_t h = static_cast<uint32_t>(hash);
  h = h + ~(h << 9);
  h = h ^ (h >> 14);
  h = h + (h << 4);
  return static_cast<int32_t>(h ^ (h >> 10));
}

std::vector<size_t> scala_champ_order(const std::vector<int32_t>& hashes) {
  std::vector<uint32_t> improved;
  improved.reserve(hashes.size());
  for (int32_t h : hashes) improved.push_back(static_cast<uint32_t>(scala_improve_hash(h)));
  std::vector<size_t> keys(hashes.size());
  std::iota(keys.begin(), keys.end(), 0);
  std::vector<size_t> out;
  out.reserve(keys.size());
  champ_walk(improved, keys, 0, out);
  return out;
}

std::vector<size_t> scala_immutable_order(const std::vector<int32_t>& hashes) {
  if (hashes.size() <= 4) {
    std::vector<size_t> order(hashes.size());
    std::iota(order.begin(), order.end(), 0);
    return order;
  }
  return scala_champ_order(hashes);
}

std::vector<size_t> scala_mutable_hash_order(const std::vector<int32_t>& hashes) {
  size_t buckets = 16;
  // put0 grows the table before an insertion that would reach the threshold (0.75 * buckets).
  while (hashes.size() >= buckets * 3 / 4) buckets *= 2;
  std::vector<int32_t> improved;
  for (int32_t h : hashes) improved.push_back(h ^ static_cast<int32_t>(static_cast<uint32_t>(h) >> 16));
  std::vector<size_t> order(hashes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto bucket_a = static_cast<uint32_t>(improved[a]) & (buckets - 1);
    const auto bucket_b = static_cast<uint32_t>(improved[b]) & (buckets - 1);
    if (bucket_a != bucket_b) return bucket_a < bucket_b;
    return improved[a] < improved[b];
  });
  return order;
}

}  // namespace kb::tools
