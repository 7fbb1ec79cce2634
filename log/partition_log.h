#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "log/errc.h"
#include "log/leader_epoch_cache.h"
#include "log/log_config.h"
#include "log/log_dir_failure_listener.h"
#include "log/producer_state.h"
#include "log/segment.h"
#include "log/types.h"

namespace kb::log {

struct append_result {
  int64_t first_offset = -1;
  int64_t last_offset = -1;
  int64_t max_timestamp = -1;
  int32_t batch_count = 0;
  uint64_t bytes = 0;
  // A retried idempotent batch already in the log: nothing was appended and the offsets
  // are those of the original append.
  bool duplicate = false;
};

// Log data for a fetch: empty when there is nothing to return.
struct read_result {
  std::optional<file_slice> data;
  int64_t first_batch_offset = -1;  // base offset of the first batch in `data`
};

struct open_options {
  int64_t recovery_point = 0;     // from recovery-point-offset-checkpoint
  int64_t log_start_offset = 0;   // from log-start-offset-checkpoint
  bool had_clean_shutdown = false;
  // Told when an I/O error takes this log offline (the log manager: the whole dir goes).
  log_dir_failure_listener* failures = nullptr;
  int64_t now_ms = 0;
};

// What opening the log had to repair, for logs and tests.
struct open_report {
  int segments_loaded = 0;
  int segments_recovered = 0;  // batches re-validated because the shutdown was unclean
  uint64_t bytes_truncated = 0;
};

// The log of one partition: a directory of segments (Kafka's UnifiedLog/LocalLog for one
// replica). Offsets are assigned here for leader appends; the high watermark is the caller's
// and only enters as a bound on reads and retention. Not thread-safe: the broker calls it
// from its single I/O thread. Blocking calls (fsync) are named flush/close/roll.
class partition_log {
 public:
  // Opens (creating if needed) `dir`. After an unclean shutdown every segment from the
  // recovery point on is re-validated, and a torn or corrupt tail is truncated.
  static std::unique_ptr<partition_log> open(const std::filesystem::path& dir, topic_partition tp,
                                             const log_config& cfg, const open_options& opts);
  // A log that is offline from the start and touches no file: it stands for a replica whose
  // log may be in a dir that failed before its logs were loaded (Kafka's
  // HostedPartition.Offline). Appends and reads answer storage_error; it holds no segment
  // and its offsets are 0.
  static std::unique_ptr<partition_log> offline_placeholder(const std::filesystem::path& dir, topic_partition tp,
                                                            const log_config& cfg, const std::string& reason);
  ~partition_log();

  const topic_partition& tp() const { return tp_; }
  const std::filesystem::path& dir() const { return dir_; }
  const log_config& config() const { return cfg_; }
  void update_config(const log_config& cfg);
  const open_report& report() const { return report_; }

  int64_t log_start_offset() const { return log_start_offset_; }
  // The segment map is empty only for an offline log: one that failed to create a segment
  // after deleting the others (truncate_fully_and_start_at), or a placeholder.
  int64_t log_end_offset() const { return segments_.empty() ? end_while_empty_ : active().next_offset(); }
  int64_t recovery_point() const { return recovery_point_; }
  uint64_t size_bytes() const;
  std::vector<int64_t> segment_base_offsets() const;
  const segment& segment_at(int64_t base_offset) const { return *segments_.at(base_offset); }
  const producer_state& producers() const { return producers_; }

  // Which leader epoch wrote which offsets (the partition's leader-epoch-checkpoint). Appends
  // record each batch whose epoch is newer than the latest; truncations and a moving log
  // start trim it. Missing or malformed at open, it is rebuilt from the batch headers.
  const leader_epoch_cache& epochs() const { return epochs_; }
  // Kafka's UnifiedLog.endOffsetForEpoch: the largest epoch <= `epoch` and where it ends
  // (the log end for the latest epoch); undefined when nothing is known about it.
  epoch_end_offset end_offset_for_epoch(kb::leader_epoch epoch) const;
  // Kafka's maybeAssignEpochStartOffset: `epoch` begins at `start_offset`, recorded even
  // before it writes anything. A new leader calls it with its log end offset.
  void assign_epoch_start_offset(kb::leader_epoch epoch, int64_t start_offset);

  // Validates every batch of `batches` (v2, CRC-32C, size, record count) and each idempotent
  // producer's epoch and sequence, then assigns offsets from the log end and stamps `epoch`
  // into each batch, in place. All or nothing; a retried batch is reported as a duplicate.
  result<append_result> append_as_leader(std::span<std::byte> batches, int32_t epoch, int64_t now_ms);
  // Appends batches whose offsets the leader assigned; they must start at or after the log end.
  result<append_result> append_as_follower(std::span<std::byte> batches, int64_t now_ms);

  // Up to max_bytes of whole-or-partial batches starting with the batch containing `offset`,
  // never reaching `max_offset` (exclusive; the high watermark for consumers). With
  // min_one_batch the first batch is returned whole even if larger than max_bytes (KIP-74).
  // Reads that meet an I/O error (finding the batches reads the segment) take the log
  // offline and answer storage_error, as Kafka's reads do (maybeHandleIOException).
  result<read_result> read(int64_t offset, uint32_t max_bytes, int64_t max_offset, bool min_one_batch);
  // The bytes of a slice read() returned, for readers that cannot send the file as it is
  // (down-conversion, the group offsets loader). An I/O error takes the log offline.
  result<std::vector<std::byte>> copy(const file_slice& slice);

  // The first record with timestamp >= target (ListOffsets by time), or nullopt. An I/O error
  // takes the log offline.
  result<std::optional<timestamp_and_offset>> offset_for_timestamp(int64_t target);

  // Removes everything at and above `offset` (rounded down to a batch boundary). At or past
  // the log end it only drops leader epochs recorded as starting at the log end (Kafka's
  // truncateTo does the same).
  void truncate_to(int64_t offset, int64_t now_ms);
  // Deletes every segment and restarts the log, empty, at `offset`.
  void truncate_fully_and_start_at(int64_t offset, int64_t now_ms);
  // Moves the log start offset forward (DeleteRecords), deleting segments wholly below it.
  result<int64_t> advance_log_start_offset(int64_t offset, int64_t now_ms);
  // Deletes whole segments from the front that breach the log start offset, retention.bytes
  // or retention.ms; never beyond `high_watermark`. Returns the number deleted.
  int delete_old_segments(int64_t now_ms, int64_t high_watermark);

  // After an I/O error in a write (append, truncation, retention, epoch checkpoint, flush,
  // close; disk full, EIO, a read-only filesystem) or a read the log is offline for good: appends and
  // reads return storage_error and it is never written, flushed or closed again, since what
  // the failed write left past the log end must be found by recovery at the next open (Kafka
  // takes the log dir offline; the broker halts when none is left). The error is reported to
  // open_options::failures. take_offline() is the log manager's, when another log of the
  // same dir failed.
  bool offline() const { return offline_; }
  void take_offline(const std::string& reason);

  // fsyncs everything up to the log end; the recovery point becomes the log end.
  void flush();
  // Flushes when flush.messages or flush.ms says so.
  void flush_if_due(int64_t now_ms);
  // Flushes and trims the active segment's indexes, as on a clean shutdown.
  void close();
  // Deletes every file and the directory (topic deletion).
  void remove_all();

 private:
  partition_log(const std::filesystem::path& dir, topic_partition tp, const log_config& cfg);
  segment& active() { return *segments_.rbegin()->second; }
  const segment& active() const { return *segments_.rbegin()->second; }
  result<append_result> append(std::span<std::byte> batches, std::optional<int32_t> leader_epoch, int64_t now_ms);
  void roll(int64_t base_offset, int64_t now_ms);
  void flush_or_throw();
  int delete_old_segments_or_throw(int64_t now_ms, int64_t high_watermark);
  // Runs `io` unless the log is offline; an I/O error (std::system_error) in it takes the
  // log offline and is reported to `failures_`.
  template <class F>
  void guarded(F&& io) {
    if (offline_) return;
    try {
      io();
    } catch (const std::system_error& e) {
      fail(e.what());
    }
  }
  // guarded() for a read returning result<T>: offline or failing, it answers storage_error.
  template <class F>
  auto guarded_read(F&& io) -> decltype(io()) {
    if (offline_) return errc::storage_error;
    try {
      return io();
    } catch (const std::system_error& e) {
      fail(e.what());
      return errc::storage_error;
    }
  }
  void fail(const std::string& reason);
  void delete_segment(std::map<int64_t, std::unique_ptr<segment>>::iterator it);
  void load_segments(const open_options& opts);
  void load_epochs(const checkpoint_contents& checkpoint, const open_options& opts);
  void learn_epochs_from_batches(std::map<int64_t, std::unique_ptr<segment>>::const_iterator from);
  void rebuild_producer_state();
  result<void> check_producers(std::span<std::byte> data, const std::vector<batch_summary>& batches,
                               append_result& duplicate) const;
  void recover_from(int64_t recovery_point);

  std::filesystem::path dir_;
  topic_partition tp_;
  log_config cfg_;
  std::map<int64_t, std::unique_ptr<segment>> segments_;  // by base offset; empty only when offline
  int64_t log_start_offset_ = 0;
  int64_t recovery_point_ = 0;
  int64_t last_flush_ms_ = 0;
  open_report report_;
  log_dir_failure_listener* failures_ = nullptr;
  bool offline_ = false;
  int64_t end_while_empty_ = 0;
  producer_state producers_;
  leader_epoch_cache epochs_;
};

}  // namespace kb::log
