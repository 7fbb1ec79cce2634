#include "log/time_index.h"

#include <glog/logging.h>

#include "log/big_endian.h"

namespace kb::log {

time_index::entry time_index::at(size_t i) const {
  const std::byte* p = file_.entry(i);
  return {be::load<int64_t>(p), base_offset_ + be::load<int32_t>(p + 8)};
}

std::optional<time_index::entry> time_index::last() const {
  if (entries() == 0) return std::nullopt;
  return at(entries() - 1);
}

void time_index::maybe_append(int64_t timestamp, int64_t offset, bool skip_full_check) {
  auto prev = last();
  if (prev && timestamp <= prev->timestamp) return;
  CHECK(!prev || offset >= prev->offset) << "time index offset going backwards in " << path();
  if (!skip_full_check && full()) return;
  if (file_.entries() >= file_.max_entries()) return;
  int64_t relative = offset - base_offset_;
  CHECK(relative >= 0 && relative <= INT32_MAX) << "offset " << offset << " outside segment " << base_offset_;
  std::byte* slot = file_.append_slot();
  be::store<int64_t>(slot, timestamp);
  be::store<int32_t>(slot + 8, static_cast<int32_t>(relative));
}

time_index::entry time_index::last_entry_before(int64_t target) const {
  size_t lo = 0, hi = entries();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (at(mid).timestamp < target) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return {-1, base_offset_};
  return at(lo - 1);
}

void time_index::truncate_to(int64_t offset) {
  size_t keep = entries();
  while (keep > 0 && at(keep - 1).offset >= offset) --keep;
  file_.truncate_entries(keep);
}

bool time_index::is_consistent(int64_t next_offset) const {
  std::optional<entry> prev;
  for (size_t i = 0; i < entries(); ++i) {
    entry e = at(i);
    if (e.offset < base_offset_ || e.offset >= next_offset) return false;
    if (prev && (e.timestamp < prev->timestamp || e.offset < prev->offset)) return false;
    prev = e;
  }
  return true;
}

}  // namespace kb::log
