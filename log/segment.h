#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>

#include "log/file_handle.h"
#include "log/log_config.h"
#include "log/offset_index.h"
#include "log/record.h"
#include "log/time_index.h"

namespace kb::log {

// What the log needs to know about each batch of an append, computed once by the caller.
struct batch_summary {
  int64_t base_offset;
  int64_t last_offset;
  int64_t max_timestamp;
  uint32_t size;
};

// A byte range of a segment file that can be sent with sendfile. Holding the handle keeps the
// file readable even if the segment is deleted meanwhile.
struct file_slice {
  std::shared_ptr<const file_handle> file;
  uint64_t position = 0;
  uint32_t size = 0;
};

// Where a batch sits in its segment.
struct batch_location {
  int64_t base_offset;
  int64_t last_offset;
  uint32_t position;
  uint32_t size;
};

struct timestamp_and_offset {
  int64_t timestamp;
  int64_t offset;
};

// One segment: `<base>.log` plus its `.index` and `.timeindex` (Kafka's LogSegment).
// The last segment of a log is active (appendable, indexes preallocated); the others are
// read-only with trimmed indexes. Not thread-safe.
class segment {
 public:
  // Creates the three files for a new, empty, active segment.
  static std::unique_ptr<segment> create(const std::filesystem::path& dir, int64_t base_offset,
                                         const log_config& cfg, int64_t now_ms);
  // Opens an existing segment. An index that is missing or inconsistent with the .log is
  // rebuilt, which also validates every batch and truncates a corrupt tail.
  static std::unique_ptr<segment> open(const std::filesystem::path& dir, int64_t base_offset,
                                       const log_config& cfg, int64_t now_ms);
  ~segment();

  int64_t base_offset() const { return base_offset_; }
  uint64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // One past the last offset in the segment; base_offset when empty.
  int64_t next_offset() const { return next_offset_; }
  int64_t max_timestamp() const { return max_timestamp_; }
  // Retention's notion of age: the max record timestamp, or the file's mtime if none.
  int64_t largest_timestamp_ms() const;
  const std::filesystem::path& log_file_path() const { return log_->path(); }
  const offset_index& index() const { return *offset_index_; }
  const time_index& timestamps() const { return *time_index_; }
  // True if open() found the indexes unusable and re-validated every batch.
  bool recovered_on_open() const { return recovered_on_open_; }
  uint64_t bytes_truncated_on_open() const { return truncated_on_open_; }

  // Kafka's LogSegment.shouldRoll for an append of `bytes` ending at `last_offset`.
  bool should_roll(uint64_t bytes, int64_t max_timestamp, int64_t last_offset, int64_t now_ms) const;

  // Appends `data`, which holds exactly `batches` back to back; offsets must ascend past
  // next_offset(). Adds index entries every index_interval_bytes.
  void append(bytes_view data, std::span<const batch_summary> batches);

  // The first batch whose last offset is >= `offset`, or nullopt if the segment ends before.
  std::optional<batch_location> find_batch(int64_t offset) const;
  file_slice slice(uint64_t position, uint64_t size) const;
  // Reads `size` bytes at `position` (for tools, tests and down-conversion).
  std::vector<std::byte> read_bytes(uint64_t position, uint64_t size) const;
  // Calls `fn(header)` for every batch, in order (headers only; no CRC check).
  void for_each_batch(const std::function<void(const batch_header&)>& fn) const;
  // The first record at offset >= starting_offset whose timestamp is >= target.
  std::optional<timestamp_and_offset> find_offset_by_timestamp(int64_t target, int64_t starting_offset) const;

  // Removes every batch whose last offset is >= `offset` (batches are never split), so the
  // segment then ends at a batch boundary <= offset. Returns the bytes removed.
  uint64_t truncate_to(int64_t offset);

  // Validates every batch (structure, magic, CRC-32C, ascending offsets), truncates at the
  // first invalid byte and rebuilds both indexes from the valid batches. Returns bytes cut.
  uint64_t recover();

  void flush();
  // Becoming inactive: write the final time index entry and trim both indexes to size.
  void on_become_inactive();
  // Becoming active again (after truncation removed the segments after it).
  void on_become_active();
  // Unlinks the three files. Open slices keep reading the old contents.
  void remove_files();

 private:
  segment(const std::filesystem::path& dir, int64_t base_offset, const log_config& cfg, int64_t now_ms,
          bool writable_indexes);
  bool indexes_consistent();
  void load_tail_state();
  void index_batch(const batch_summary& b, uint32_t position);
  void reset_tail_state();

  int64_t base_offset_;
  log_config cfg_;
  std::shared_ptr<file_handle> log_;
  std::unique_ptr<offset_index> offset_index_;
  std::unique_ptr<time_index> time_index_;
  uint64_t size_ = 0;
  int64_t next_offset_;
  int64_t max_timestamp_ = -1;
  int64_t offset_of_max_timestamp_;
  std::optional<int64_t> first_batch_timestamp_;  // drives time-based rolling
  int64_t created_ms_;
  uint64_t bytes_since_last_index_entry_ = 0;
  bool recovered_on_open_ = false;
  uint64_t truncated_on_open_ = 0;
};

}  // namespace kb::log
