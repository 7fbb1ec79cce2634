#pragma once

// leader_epoch_cache: which leader epoch wrote which part of a partition's log (Kafka's
// LeaderEpochFileCache, KIP-101). Entries are (epoch, start offset) pairs, strictly
// increasing in both: epoch e covers [start(e), start of the next entry), and the latest
// epoch runs to the log end. Followers ask the leader where their latest epoch ends
// (OffsetForLeaderEpoch) and truncate whatever they hold beyond that.
//
// Persisted in `leader-epoch-checkpoint` (log/leader_epoch_checkpoint.h), rewritten
// atomically on every change. Changes are rare (a new leader, a truncation, a moved log
// start), so each one paying an fsync is fine.
//
// Lifecycle: owned by its partition_log, which loads it at open and keeps it in step with
// appends and truncations. Not thread-safe: the broker's I/O thread only.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "log/leader_epoch_checkpoint.h"
#include "log/types.h"

namespace kb::log {

// Kafka's UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET (OffsetsForLeaderEpochResponse).
inline constexpr int32_t undefined_epoch = -1;
inline constexpr int64_t undefined_epoch_offset = -1;

// An answer to "where does epoch e end?": the largest known epoch <= e and its end offset.
struct epoch_end_offset {
  int32_t epoch = undefined_epoch;
  int64_t end_offset = undefined_epoch_offset;
  bool undefined() const { return end_offset == undefined_epoch_offset; }
  bool operator==(const epoch_end_offset&) const = default;
};

class leader_epoch_cache {
 public:
  // An empty cache that writes `file` whenever it changes. Call load() to read the file.
  explicit leader_epoch_cache(std::filesystem::path file);

  // Replaces the entries with the file's. A missing or malformed file leaves the cache
  // empty (and the file untouched); the returned status tells the caller to rebuild.
  checkpoint_contents load();

  // Records that `epoch` starts at `start_offset`, if it is news: `epoch` is newer than the
  // latest epoch, or it is the latest epoch starting earlier than recorded. Trailing entries
  // starting at or after `start_offset` are dropped first (a leader elected at a log end
  // that earlier epochs never wrote past). An epoch older than the latest is stale and
  // ignored: unlike Kafka, which would truncate the newer entries, a late batch never
  // erases history. Negative values are ignored. Returns true if the cache changed.
  bool assign(kb::leader_epoch epoch, int64_t start_offset);
  // assign() for each entry in order, writing the file once.
  void assign(std::span<const epoch_entry> entries);

  bool empty() const { return entries_.empty(); }
  const std::vector<epoch_entry>& entries() const { return entries_; }
  std::optional<epoch_entry> latest() const;
  // The latest epoch, or undefined_epoch when the cache is empty.
  int32_t latest_epoch() const { return entries_.empty() ? undefined_epoch : entries_.back().epoch; }
  std::optional<epoch_entry> earliest() const;

  // Kafka's endOffsetFor (KIP-101, KIP-279), for a log ending at `log_end_offset`:
  //  * requested undefined (-1), or newer than every known epoch (or the cache is empty):
  //    undefined (-1, -1);
  //  * the latest epoch: (requested, log_end_offset);
  //  * a known or in-between epoch: (largest known epoch <= requested, start offset of the
  //    first epoch > requested);
  //  * older than the first known epoch: (requested, start offset of the first epoch). The
  //    data before it is gone, so a follower truncates to where the leader's log begins.
  //    (Kafka's javadoc says UNDEFINED here; its code, followed here, does this.)
  epoch_end_offset end_offset_for(kb::leader_epoch requested, int64_t log_end_offset) const;

  // The log was truncated to end at `end_offset`: removes every entry starting at or after
  // it.
  void truncate_from_end(int64_t end_offset);
  // The log now starts at `start_offset`: the epoch in force there becomes the first entry,
  // starting at `start_offset`; older entries go. An entry starting exactly there stays.
  void truncate_from_start(int64_t start_offset);
  // Removes every entry (the log restarted empty).
  void clear();

 private:
  bool assign_one(const epoch_entry& entry);
  void flush() const;

  std::filesystem::path file_;
  std::vector<epoch_entry> entries_;  // strictly increasing in epoch and start offset
};

}  // namespace kb::log
