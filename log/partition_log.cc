#include "log/partition_log.h"

#include <glog/logging.h>

#include "log/batch_header.h"
#include "log/file_names.h"

namespace kb::log {
namespace fs = std::filesystem;

partition_log::partition_log(const fs::path& dir, topic_partition tp, const log_config& cfg)
    : dir_(dir), tp_(std::move(tp)), cfg_(cfg), epochs_(dir / leader_epoch_checkpoint_file_name) {}

partition_log::~partition_log() = default;

std::unique_ptr<partition_log> partition_log::open(const fs::path& dir, topic_partition tp, const log_config& cfg,
                                                   const open_options& opts) {
  fs::create_directories(dir);
  auto log = std::unique_ptr<partition_log>(new partition_log(dir, std::move(tp), cfg));
  log->failures_ = opts.failures;
  // Read before the segments load: a log that restarts empty there clears the cache.
  checkpoint_contents checkpoint = log->epochs_.load();
  log->load_segments(opts);
  log->load_epochs(checkpoint, opts);
  return log;
}

std::unique_ptr<partition_log> partition_log::offline_placeholder(const fs::path& dir, topic_partition tp,
                                                                  const log_config& cfg, const std::string& reason) {
  auto log = std::unique_ptr<partition_log>(new partition_log(dir, std::move(tp), cfg));
  log->take_offline(reason);
  return log;
}

// Brings the leader epoch cache in line with the loaded log, as Kafka's LogLoader does. A
// missing or malformed checkpoint is rebuilt from every batch header; after an unclean
// shutdown the re-validated tail may hold epochs the checkpoint never saw. Entries past the
// log end (checkpointed before a crash lost their data) or before the log start are cut.
void partition_log::load_epochs(const checkpoint_contents& checkpoint, const open_options& opts) {
  if (checkpoint.status != checkpoint_status::loaded) {
    if (checkpoint.status == checkpoint_status::malformed) {
      LOG(WARNING) << tp_ << ": malformed " << leader_epoch_checkpoint_file_name << " (" << checkpoint.problem
                   << "); rebuilding it from the log";
    }
    learn_epochs_from_batches(segments_.begin());
    if (epochs_.empty()) epochs_.clear();  // writes the (empty) file, so the next open reads it
  } else {
    epochs_.truncate_from_end(log_end_offset());
    if (!opts.had_clean_shutdown) {
      auto from = segments_.upper_bound(opts.recovery_point);
      if (from != segments_.begin()) --from;
      learn_epochs_from_batches(from);
    }
  }
  epochs_.truncate_from_start(log_start_offset_);
}

// Assigns the epoch of every batch, from the segment `from` on, that is newer than the
// latest known (Kafka's LogSegment.recover does this per batch). One checkpoint write.
void partition_log::learn_epochs_from_batches(std::map<int64_t, std::unique_ptr<segment>>::const_iterator from) {
  std::vector<epoch_entry> found;
  int32_t latest = epochs_.latest_epoch();
  for (auto it = from; it != segments_.cend(); ++it) {
    it->second->for_each_batch([&](const batch_header& h) {
      if (h.partition_leader_epoch >= 0 && h.partition_leader_epoch > latest) {
        latest = h.partition_leader_epoch;
        found.push_back({latest, h.base_offset});
      }
    });
  }
  epochs_.assign(found);
}

epoch_end_offset partition_log::end_offset_for_epoch(kb::leader_epoch epoch) const {
  return epochs_.end_offset_for(epoch, log_end_offset());
}

void partition_log::assign_epoch_start_offset(kb::leader_epoch epoch, int64_t start_offset) {
  guarded([&] {
    if (epochs_.assign(epoch, start_offset)) {
      LOG(INFO) << tp_ << ": leader epoch " << epoch << " starts at offset " << start_offset;
    }
  });
}

void partition_log::take_offline(const std::string& reason) {
  if (offline_) return;
  offline_ = true;
  LOG(ERROR) << tp_ << ": offline: " << reason;
}

void partition_log::fail(const std::string& reason) {
  if (offline_) return;
  take_offline(reason);
  if (failures_) failures_->log_dir_failed(dir_.parent_path(), reason);
}

// Loads every segment, repairs what an unclean shutdown may have left, and makes the last
// segment active. Mirrors Kafka's LogLoader.
void partition_log::load_segments(const open_options& opts) {
  std::vector<int64_t> bases;
  std::vector<fs::path> stray;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const fs::path& p = entry.path();
    std::string ext = p.extension().string();
    if (auto base = parse_base_offset(p, log_suffix)) {
      bases.push_back(*base);
    } else if (ext == ".deleted" || ext == ".cleaned" || ext == ".swap" || ext == ".tmp") {
      stray.push_back(p);  // leftovers of an interrupted delete, clean or checkpoint
    } else if (auto ib = parse_base_offset(p, index_suffix); ib && !fs::exists(log_path(dir_, *ib))) {
      stray.push_back(p);
    } else if (auto tb = parse_base_offset(p, time_index_suffix); tb && !fs::exists(log_path(dir_, *tb))) {
      stray.push_back(p);
    }
  }
  for (const auto& p : stray) {
    LOG(INFO) << "Removing stray file " << p;
    fs::remove(p);
  }
  std::sort(bases.begin(), bases.end());
  for (int64_t base : bases) segments_.emplace(base, segment::open(dir_, base, cfg_, opts.now_ms));
  report_.segments_loaded = static_cast<int>(segments_.size());
  if (opts.had_clean_shutdown) {
    for (const auto& [base, seg] : segments_) report_.bytes_truncated += seg->bytes_truncated_on_open();
  }

  if (!opts.had_clean_shutdown && !segments_.empty()) recover_from(opts.recovery_point);

  if (segments_.empty()) {
    segments_.emplace(opts.log_start_offset, segment::create(dir_, opts.log_start_offset, cfg_, opts.now_ms));
  }
  active().on_become_active();
  log_start_offset_ = std::max(opts.log_start_offset, segments_.begin()->first);
  if (log_start_offset_ > log_end_offset()) {
    LOG(WARNING) << tp_ << ": checkpointed log start offset " << log_start_offset_ << " is beyond the log end "
                 << log_end_offset() << "; starting the log over there";
    truncate_fully_and_start_at(log_start_offset_, opts.now_ms);
  }
  recovery_point_ = opts.had_clean_shutdown ? std::min(opts.recovery_point, log_end_offset()) : log_end_offset();
  last_flush_ms_ = opts.now_ms;
  rebuild_producer_state();
}

// Replays the batch headers of the last two segments: enough to deduplicate retries of
// producers active recently (Kafka keeps .snapshot files for the general case).
void partition_log::rebuild_producer_state() {
  producers_.clear();
  auto it = segments_.end();
  for (int n = 0; n < 2 && it != segments_.begin(); ++n) --it;
  for (; it != segments_.end(); ++it) {
    it->second->for_each_batch([&](const batch_header& h) {
      if (h.base_offset >= log_start_offset_) producers_.record(h, h.base_offset, h.last_offset());
    });
  }
}

result<void> partition_log::check_producers(std::span<std::byte> data, const std::vector<batch_summary>& batches,
                                            append_result& duplicate) const {
  // Two batches of one producer in one append are checked in sequence on a scratch copy.
  std::optional<producer_state> scratch;
  if (batches.size() > 1) scratch = producers_;
  const producer_state& state = scratch ? *scratch : producers_;
  size_t pos = 0;
  for (const auto& b : batches) {
    batch_header h = parse_batch_header(data.subspan(pos, b.size));
    auto verdict = state.check(h);
    switch (verdict.what) {
      case producer_state::verdict::append: break;
      case producer_state::verdict::duplicate:
        duplicate.duplicate = true;
        duplicate.first_offset = verdict.original.first_offset;
        duplicate.last_offset = verdict.original.last_offset;
        duplicate.max_timestamp = verdict.original.max_timestamp;
        return outcome::success();
      case producer_state::verdict::invalid_epoch: return errc::invalid_producer_epoch;
      case producer_state::verdict::out_of_order: return errc::out_of_order_sequence;
    }
    if (scratch) scratch->record(h, b.base_offset, b.last_offset);
    pos += b.size;
  }
  return outcome::success();
}

// Re-validates each segment that may hold unflushed data. The first segment with a bad
// batch is cut there, and every later segment is deleted: its data followed a hole.
void partition_log::recover_from(int64_t recovery_point) {
  auto it = segments_.upper_bound(recovery_point);
  if (it != segments_.begin()) --it;
  for (; it != segments_.end(); ++it) {
    // A segment whose indexes were unusable was already re-validated by segment::open.
    uint64_t cut = it->second->recovered_on_open() ? it->second->bytes_truncated_on_open() : it->second->recover();
    ++report_.segments_recovered;
    bool last = std::next(it) == segments_.end();
    if (!last) it->second->on_become_inactive();
    it->second->flush();
    if (cut > 0) {
      report_.bytes_truncated += cut;
      LOG(WARNING) << tp_ << ": truncated " << cut << " invalid bytes from " << it->second->log_file_path();
      auto doomed = std::next(it);
      while (doomed != segments_.end()) {
        report_.bytes_truncated += doomed->second->size();
        LOG(WARNING) << tp_ << ": deleting segment after corruption " << doomed->second->log_file_path();
        doomed->second->remove_files();
        doomed = segments_.erase(doomed);
      }
      break;
    }
  }
}

void partition_log::update_config(const log_config& cfg) { cfg_ = cfg; }

uint64_t partition_log::size_bytes() const {
  uint64_t total = 0;
  for (const auto& [base, seg] : segments_) total += seg->size();
  return total;
}

std::vector<int64_t> partition_log::segment_base_offsets() const {
  std::vector<int64_t> out;
  for (const auto& [base, seg] : segments_) out.push_back(base);
  return out;
}

result<append_result> partition_log::append_as_leader(std::span<std::byte> batches, int32_t epoch, int64_t now_ms) {
  return append(batches, epoch, now_ms);
}

result<append_result> partition_log::append_as_follower(std::span<std::byte> batches, int64_t now_ms) {
  return append(batches, std::nullopt, now_ms);
}

result<append_result> partition_log::append(std::span<std::byte> data, std::optional<int32_t> leader_epoch,
                                            int64_t now_ms) {
  if (offline_) return errc::storage_error;
  // Validate everything before writing anything, so a bad batch appends nothing.
  std::vector<batch_summary> summaries;
  size_t at = 0;
  int64_t max_timestamp = -1;
  while (at < data.size()) {
    if (data.size() - at < log_overhead) return errc::corrupt_batch;
    batch_prefix prefix = parse_batch_prefix(data.subspan(at));
    size_t total = static_cast<size_t>(prefix.batch_length) + log_overhead;
    if (prefix.batch_length < 0 || total > data.size() - at) return errc::corrupt_batch;
    auto header = validate_batch(data.subspan(at, total));
    if (!header) return header.error();
    const batch_header& h = header.value();
    if (total > static_cast<size_t>(cfg_.max_message_bytes)) return errc::batch_too_large;
    if (leader_epoch && (h.records_count <= 0 || h.records_count != int64_t{h.last_offset_delta} + 1)) {
      return errc::invalid_batch;
    }
    summaries.push_back({h.base_offset, h.last_offset(), h.max_timestamp, static_cast<uint32_t>(total)});
    max_timestamp = std::max(max_timestamp, h.max_timestamp);
    at += total;
  }
  if (summaries.empty()) return errc::invalid_batch;
  if (data.size() > cfg_.segment_bytes) return errc::append_exceeds_segment;

  if (leader_epoch) {
    append_result duplicate;
    if (auto checked = check_producers(data, summaries, duplicate); !checked) return checked.error();
    if (duplicate.duplicate) return duplicate;
    int64_t next = log_end_offset();
    size_t pos = 0;
    for (auto& s : summaries) {
      std::span<std::byte> batch = data.subspan(pos, s.size);
      set_base_offset(batch, next);
      set_partition_leader_epoch(batch, *leader_epoch);
      s.last_offset = next + wrapping_sub(s.last_offset, s.base_offset);  // the producer's base may be anything
      s.base_offset = next;
      next = s.last_offset + 1;
      pos += s.size;
    }
  } else {
    int64_t expected = log_end_offset();
    for (const auto& s : summaries) {
      if (s.base_offset < expected || s.last_offset < s.base_offset) return errc::non_monotonic_offsets;
      expected = s.last_offset + 1;
    }
  }

  int64_t first = summaries.front().base_offset;
  int64_t last = summaries.back().last_offset;
  try {
    if (active().should_roll(data.size(), max_timestamp, last, now_ms) ||
        (!active().empty() && last - active().base_offset() > INT32_MAX)) {
      roll(std::max(first, log_end_offset()), now_ms);
    }
    active().append(data, summaries);
    size_t pos = 0;
    for (const auto& b : summaries) {
      batch_header h = parse_batch_header(data.subspan(pos, b.size));
      producers_.record(h, b.base_offset, b.last_offset);
      // Leader batches carry the epoch stamped above; follower batches the leader's.
      if (h.partition_leader_epoch >= 0 && h.partition_leader_epoch > epochs_.latest_epoch()) {
        epochs_.assign(kb::leader_epoch{h.partition_leader_epoch}, b.base_offset);
      }
      pos += b.size;
    }
  } catch (const std::system_error& e) {
    fail(e.what());
    return errc::storage_error;
  }
  return append_result{first, last, max_timestamp, static_cast<int32_t>(summaries.size()), data.size()};
}

// Closes the active segment (final time index entry, trimmed indexes, fsync) and starts a
// new one. Everything before the new segment is then durable: the recovery point moves.
void partition_log::roll(int64_t base_offset, int64_t now_ms) {
  segment& old = active();
  if (old.empty() && old.base_offset() == base_offset) return;
  old.on_become_inactive();
  old.flush();  // throws on failure: roll() runs inside a guarded call
  recovery_point_ = std::max(recovery_point_, old.next_offset());
  // Created before an empty old segment goes (its base differs, so do the file names): a
  // failure leaves the segment map as it was, never empty.
  auto created = segment::create(dir_, base_offset, cfg_, now_ms);
  if (old.empty()) {
    // An empty active segment is replaced rather than kept behind the new one.
    old.remove_files();
    segments_.erase(old.base_offset());
  }
  segments_.emplace(base_offset, std::move(created));
  VLOG(1) << tp_ << ": rolled new segment at offset " << base_offset;
}

result<read_result> partition_log::read(int64_t offset, uint32_t max_bytes, int64_t max_offset, bool min_one_batch) {
  return guarded_read([&]() -> result<read_result> {
    if (offset < log_start_offset_ || offset > log_end_offset()) return errc::offset_out_of_range;
    read_result out;
    if (offset >= max_offset || offset == log_end_offset()) return out;

    auto it = segments_.upper_bound(offset);
    if (it != segments_.begin()) --it;
    for (; it != segments_.end(); ++it) {
      const segment& seg = *it->second;
      auto first = seg.find_batch(offset);
      if (!first) continue;  // offset lies past this segment's last batch
      if (first->base_offset >= max_offset) return out;
      uint64_t limit = seg.size();
      if (max_offset < seg.next_offset()) {
        if (auto bound = seg.find_batch(max_offset)) limit = bound->position;
      }
      uint64_t available = limit - first->position;
      uint64_t size = std::min<uint64_t>(max_bytes, available);
      if (min_one_batch && size < first->size) size = std::min<uint64_t>(first->size, available);
      if (size == 0) return out;
      out.data = seg.slice(first->position, size);
      out.first_batch_offset = first->base_offset;
      return out;
    }
    return out;
  });
}

result<std::vector<std::byte>> partition_log::copy(const file_slice& slice) {
  return guarded_read([&]() -> result<std::vector<std::byte>> {
    std::vector<std::byte> bytes(slice.size);
    bytes.resize(slice.file->read_at(slice.position, bytes));
    return bytes;
  });
}

result<std::optional<timestamp_and_offset>> partition_log::offset_for_timestamp(int64_t target) {
  return guarded_read([&]() -> result<std::optional<timestamp_and_offset>> {
    for (const auto& [base, seg] : segments_) {
      if (seg->next_offset() <= log_start_offset_ || seg->max_timestamp() < target) continue;
      if (auto found = seg->find_offset_by_timestamp(target, log_start_offset_)) return found;
    }
    return std::optional<timestamp_and_offset>{};
  });
}

void partition_log::delete_segment(std::map<int64_t, std::unique_ptr<segment>>::iterator it) {
  LOG(INFO) << tp_ << ": deleting segment " << it->second->log_file_path();
  it->second->remove_files();
  segments_.erase(it);
}

void partition_log::truncate_to(int64_t offset, int64_t now_ms) {
  guarded([&] {
    if (offset >= log_end_offset()) {
      // Nothing to cut, but an epoch this replica started at its log end without writing
      // (leader, then follower again) would make it look like it led past the log end.
      epochs_.truncate_from_end(log_end_offset());
      return;
    }
    if (offset <= log_start_offset_ || offset <= segments_.begin()->first) {
      truncate_fully_and_start_at(offset, now_ms);
      return;
    }
    LOG(INFO) << tp_ << ": truncating to offset " << offset << " (log end " << log_end_offset() << ")";
    while (segments_.rbegin()->first >= offset) delete_segment(std::prev(segments_.end()));
    active().truncate_to(offset);
    active().on_become_active();
    recovery_point_ = std::min(recovery_point_, log_end_offset());
    producers_.truncate_to(log_end_offset());
    epochs_.truncate_from_end(log_end_offset());
  });
}

void partition_log::truncate_fully_and_start_at(int64_t offset, int64_t now_ms) {
  guarded([&] {
    LOG(INFO) << tp_ << ": truncating fully and restarting at offset " << offset;
    end_while_empty_ = offset;  // if creating the new segment fails below
    while (!segments_.empty()) delete_segment(segments_.begin());
    segments_.emplace(offset, segment::create(dir_, offset, cfg_, now_ms));
    log_start_offset_ = offset;
    recovery_point_ = offset;
    producers_.clear();
    epochs_.clear();
  });
}

result<int64_t> partition_log::advance_log_start_offset(int64_t offset, int64_t now_ms) {
  if (offline_) return errc::storage_error;
  if (offset > log_end_offset()) return errc::offset_out_of_range;
  if (offset <= log_start_offset_) return log_start_offset_;
  log_start_offset_ = offset;
  delete_old_segments(now_ms, log_end_offset());
  guarded([&] { epochs_.truncate_from_start(log_start_offset_); });
  if (offline_) return errc::storage_error;
  return log_start_offset_;
}

int partition_log::delete_old_segments(int64_t now_ms, int64_t high_watermark) {
  int deleted = 0;
  guarded([&] { deleted = delete_old_segments_or_throw(now_ms, high_watermark); });
  return deleted;
}

int partition_log::delete_old_segments_or_throw(int64_t now_ms, int64_t high_watermark) {
  // A prefix of segments is deletable while `breached` holds, each wholly below the high
  // watermark. The last segment goes only if non-empty, and then the log rolls first.
  auto deletable = [&](auto&& breached) {
    std::vector<int64_t> out;
    for (auto it = segments_.begin(); it != segments_.end(); ++it) {
      auto next = std::next(it);
      int64_t upper = next == segments_.end() ? log_end_offset() : next->first;
      bool last_and_empty = next == segments_.end() && it->second->empty();
      if (upper > high_watermark || last_and_empty || !breached(*it->second, next)) break;
      out.push_back(it->first);
    }
    return out;
  };
  auto remove = [&](const std::vector<int64_t>& bases) {
    if (bases.empty()) return 0;
    if (bases.size() == segments_.size()) roll(log_end_offset(), now_ms);
    for (int64_t base : bases) delete_segment(segments_.find(base));
    log_start_offset_ = std::max(log_start_offset_, segments_.begin()->first);
    epochs_.truncate_from_start(log_start_offset_);
    return static_cast<int>(bases.size());
  };

  int deleted = remove(deletable([&](const segment&, auto next) {
    return next != segments_.end() && next->first <= log_start_offset_;
  }));
  if (cfg_.retention_bytes >= 0) {
    int64_t excess = static_cast<int64_t>(size_bytes()) - cfg_.retention_bytes;
    deleted += remove(deletable([&](const segment& s, auto) {
      if (excess - static_cast<int64_t>(s.size()) < 0) return false;
      excess -= static_cast<int64_t>(s.size());
      return true;
    }));
  }
  if (cfg_.retention_ms >= 0) {
    deleted += remove(deletable([&](const segment& s, auto) {
      return now_ms - s.largest_timestamp_ms() > cfg_.retention_ms;
    }));
  }
  return deleted;
}

void partition_log::flush() {
  guarded([&] { flush_or_throw(); });
}

// An fsync that failed is never retried (the kernel may have dropped the dirty pages it
// reported): the log goes offline instead, as in Kafka.
void partition_log::flush_or_throw() {
  active().flush();
  recovery_point_ = log_end_offset();
}

void partition_log::flush_if_due(int64_t now_ms) {
  int64_t unflushed = log_end_offset() - recovery_point_;
  if (unflushed <= 0) {
    last_flush_ms_ = now_ms;
    return;
  }
  if (unflushed >= cfg_.flush_interval_messages || now_ms - last_flush_ms_ >= cfg_.flush_interval_ms) {
    flush();
    last_flush_ms_ = now_ms;
  }
}

void partition_log::close() {
  guarded([&] {
    active().on_become_inactive();
    flush_or_throw();
  });
}

void partition_log::remove_all() {
  segments_.clear();
  fs::remove_all(dir_);
}

}  // namespace kb::log
