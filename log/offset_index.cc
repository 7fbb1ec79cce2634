#include "log/offset_index.h"

#include <glog/logging.h>

#include "log/big_endian.h"

namespace kb::log {

offset_index::entry offset_index::at(size_t i) const {
  const std::byte* p = file_.entry(i);
  return {base_offset_ + be::load<int32_t>(p), be::load<uint32_t>(p + 4)};
}

std::optional<offset_index::entry> offset_index::last() const {
  if (entries() == 0) return std::nullopt;
  return at(entries() - 1);
}

void offset_index::append(int64_t offset, uint32_t position) {
  auto prev = last();
  CHECK(!prev || (offset > prev->offset && position > prev->position))
      << "non-ascending index append (" << offset << "," << position << ") to " << path();
  int64_t relative = offset - base_offset_;
  CHECK(relative >= 0 && relative <= INT32_MAX) << "offset " << offset << " outside segment " << base_offset_;
  std::byte* slot = file_.append_slot();
  be::store<int32_t>(slot, static_cast<int32_t>(relative));
  be::store<uint32_t>(slot + 4, position);
}

offset_index::entry offset_index::lookup(int64_t target) const {
  // Binary search for the last entry whose offset <= target.
  size_t lo = 0, hi = entries();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (at(mid).offset <= target) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return {base_offset_, 0};
  return at(lo - 1);
}

void offset_index::truncate_to(int64_t offset) {
  size_t keep = entries();
  while (keep > 0 && at(keep - 1).offset >= offset) --keep;
  file_.truncate_entries(keep);
}

bool offset_index::is_consistent(uint64_t log_size) const {
  std::optional<entry> prev;
  for (size_t i = 0; i < entries(); ++i) {
    entry e = at(i);
    if (e.offset < base_offset_ || e.position >= log_size) return false;
    if (prev && (e.offset <= prev->offset || e.position <= prev->position)) return false;
    prev = e;
  }
  return true;
}

}  // namespace kb::log
