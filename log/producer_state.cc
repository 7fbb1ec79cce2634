#include "log/producer_state.h"

#include <algorithm>

namespace kb::log {
namespace {

// The sequence after `s`: sequences wrap from INT32_MAX to 0.
int32_t next_sequence(int32_t s) { return s == INT32_MAX ? 0 : s + 1; }

}  // namespace

producer_state::check_result producer_state::check(const batch_header& h) const {
  if (h.producer_id < 0) return {verdict::append};
  auto it = producers_.find(h.producer_id);
  if (it == producers_.end() || it->second.batches.empty()) return {verdict::append};
  const entry& e = it->second;
  if (h.producer_epoch == e.epoch) {
    for (const batch_meta& b : e.batches) {
      if (b.first_sequence == h.base_sequence && b.last_sequence == h.last_sequence()) {
        return {verdict::duplicate, b};
      }
    }
  }
  if (h.producer_epoch < e.epoch) return {verdict::invalid_epoch};
  if (h.producer_epoch > e.epoch) {
    // A new epoch (InitProducerId, or librdkafka's local bump) restarts sequences at 0.
    return {h.base_sequence == 0 ? verdict::append : verdict::out_of_order};
  }
  return {h.base_sequence == next_sequence(e.batches.back().last_sequence) ? verdict::append : verdict::out_of_order};
}

void producer_state::record(const batch_header& h, int64_t first_offset, int64_t last_offset) {
  if (h.producer_id < 0) return;
  entry& e = producers_[h.producer_id];
  if (h.producer_epoch != e.epoch) {
    e.epoch = h.producer_epoch;
    e.batches.clear();
  }
  e.batches.push_back({h.base_sequence, h.last_sequence(), first_offset, last_offset, h.max_timestamp});
  while (e.batches.size() > batches_retained) e.batches.pop_front();
}

void producer_state::truncate_to(int64_t offset) {
  for (auto it = producers_.begin(); it != producers_.end();) {
    auto& batches = it->second.batches;
    while (!batches.empty() && batches.back().last_offset >= offset) batches.pop_back();
    if (batches.empty()) it = producers_.erase(it);
    else ++it;
  }
}

}  // namespace kb::log
