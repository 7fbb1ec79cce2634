#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "log/index_file.h"

namespace kb::log {

// The sparse `.index` of a segment: 8-byte big-endian entries (int32 offset relative to the
// segment's base offset, int32 position in the .log file), strictly ascending in both.
// An entry (o, p) says the batch starting at byte p of the .log has last offset o. A search
// for offset t scans forward from the greatest entry with o <= t, since every batch holding
// an offset > o starts after p.
class offset_index {
 public:
  static constexpr size_t entry_size = 8;
  struct entry {
    int64_t offset;
    uint32_t position;
    bool operator==(const entry&) const = default;
  };

  offset_index(const std::filesystem::path& path, int64_t base_offset, size_t max_bytes, bool writable)
      : file_(path, entry_size, max_bytes, writable), base_offset_(base_offset) {}

  int64_t base_offset() const { return base_offset_; }
  size_t entries() const { return file_.entries(); }
  bool full() const { return file_.entries() >= file_.max_entries(); }
  entry at(size_t i) const;
  std::optional<entry> last() const;

  // Requires offset > last().offset and position > last().position.
  void append(int64_t offset, uint32_t position);
  // The greatest entry with entry.offset <= target, or {base_offset, 0} if there is none.
  entry lookup(int64_t target) const;
  // Removes every entry with offset >= `offset`.
  void truncate_to(int64_t offset);
  void truncate_all() { file_.truncate_entries(0); }

  // Entries ascend and stay inside [base_offset, base_offset + 2^31) and [0, log_size).
  bool opened_with_partial_entry() const { return file_.opened_with_partial_entry(); }
  bool is_consistent(uint64_t log_size) const;

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
