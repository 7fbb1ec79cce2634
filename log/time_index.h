#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "log/index_file.h"

namespace kb::log {

// The `.timeindex` of a segment: 12-byte big-endian entries (int64 largest timestamp seen so
// far, int32 offset relative to the segment base at which it was seen), non-decreasing in
// both. Entry (t, o) says: no record at an offset <= o has a timestamp above t.
class time_index {
 public:
  static constexpr size_t entry_size = 12;
  struct entry {
    int64_t timestamp;
    int64_t offset;
    bool operator==(const entry&) const = default;
  };

  time_index(const std::filesystem::path& path, int64_t base_offset, size_t max_bytes, bool writable)
      : file_(path, entry_size, max_bytes, writable), base_offset_(base_offset) {}

  size_t entries() const { return file_.entries(); }
  // Kafka keeps one slot free for the final entry written when the segment rolls.
  bool full() const { return file_.entries() + 1 >= file_.max_entries(); }
  entry at(size_t i) const;
  std::optional<entry> last() const;

  // Appends only if `timestamp` exceeds the last entry's; `offset` must not go backwards.
  // skip_full_check is for the final entry on roll, which may use the reserved slot.
  void maybe_append(int64_t timestamp, int64_t offset, bool skip_full_check = false);
  // The greatest entry with timestamp < target, or {-1, base_offset} if there is none; so
  // the first record with a timestamp >= target lies after that entry's offset.
  entry last_entry_before(int64_t target_timestamp) const;
  // Removes every entry with offset >= `offset`.
  void truncate_to(int64_t offset);
  void truncate_all() { file_.truncate_entries(0); }

  // Entries are non-decreasing and their offsets lie in [base_offset, next_offset).
  bool opened_with_partial_entry() const { return file_.opened_with_partial_entry(); }
  bool is_consistent(int64_t next_offset) const;

  void resize(size_t max_bytes) { file_.resize(max_bytes); }
  void trim() { file_.trim(); }
  void flush() { file_.flush(); }
  size_t file_bytes() const { return file_.file_bytes(); }
  const std::filesystem::path& path() const { return file_.path(); }

 private:
  index_file file_;
  int64_t base_offset_;
};

}  // namespace kb::log
