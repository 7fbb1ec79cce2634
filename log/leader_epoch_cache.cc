#include "log/leader_epoch_cache.h"

#include <algorithm>

#include <glog/logging.h>

namespace kb::log {
namespace {

std::ostream& operator<<(std::ostream& os, const epoch_entry& e) {
  return os << "(epoch " << e.epoch << ", start " << e.start_offset << ")";
}

}  // namespace

leader_epoch_cache::leader_epoch_cache(std::filesystem::path file) : file_(std::move(file)) {}

checkpoint_contents leader_epoch_cache::load() {
  checkpoint_contents read = read_leader_epoch_checkpoint(file_);
  entries_ = read.status == checkpoint_status::loaded ? read.entries : std::vector<epoch_entry>{};
  return read;
}

std::optional<epoch_entry> leader_epoch_cache::latest() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.back();
}

std::optional<epoch_entry> leader_epoch_cache::earliest() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.front();
}

bool leader_epoch_cache::assign_one(const epoch_entry& entry) {
  if (entry.epoch < 0 || entry.start_offset < 0) {
    LOG(WARNING) << file_.parent_path().filename().string() << ": ignoring invalid leader epoch entry " << entry;
    return false;
  }
  if (!entries_.empty()) {
    const epoch_entry& last = entries_.back();
    if (entry.epoch < last.epoch) {
      LOG(WARNING) << file_.parent_path().filename().string() << ": ignoring stale leader epoch entry " << entry
                   << "; the latest is " << last;
      return false;
    }
    if (entry.epoch == last.epoch && entry.start_offset >= last.start_offset) return false;
  }
  // Keep both columns strictly increasing. Dropping one entry that starts where the new one
  // does is routine (an epoch that never wrote); anything more means the log diverged.
  std::vector<epoch_entry> removed;
  auto conflicts = [&](const epoch_entry& e) { return e.epoch >= entry.epoch || e.start_offset >= entry.start_offset; };
  while (!entries_.empty() && conflicts(entries_.back())) {
    removed.push_back(entries_.back());
    entries_.pop_back();
  }
  if (removed.size() > 1 || (removed.size() == 1 && removed.front().start_offset != entry.start_offset)) {
    LOG(WARNING) << file_.parent_path().filename().string() << ": new leader epoch entry " << entry << " removed "
                 << removed.size() << " conflicting entr" << (removed.size() == 1 ? "y" : "ies") << ", the earliest "
                 << removed.back();
  }
  entries_.push_back(entry);
  VLOG(1) << file_.parent_path().filename().string() << ": leader epoch " << entry << " recorded; "
          << entries_.size() << " entries";
  return true;
}

bool leader_epoch_cache::assign(kb::leader_epoch epoch, int64_t start_offset) {
  if (!assign_one({epoch(), start_offset})) return false;
  flush();
  return true;
}

void leader_epoch_cache::assign(std::span<const epoch_entry> entries) {
  bool changed = false;
  for (const auto& e : entries) changed = assign_one(e) || changed;
  if (changed) flush();
}

epoch_end_offset leader_epoch_cache::end_offset_for(kb::leader_epoch requested, int64_t log_end_offset) const {
  const int32_t e = requested();
  if (e == undefined_epoch || entries_.empty()) return {};
  if (e == entries_.back().epoch) return {e, log_end_offset};
  auto higher = std::upper_bound(entries_.begin(), entries_.end(), e,
                                 [](int32_t epoch, const epoch_entry& entry) { return epoch < entry.epoch; });
  if (higher == entries_.end()) return {};              // newer than any epoch we know
  if (higher == entries_.begin()) return {e, higher->start_offset};  // older than the first
  return {std::prev(higher)->epoch, higher->start_offset};
}

void leader_epoch_cache::truncate_from_end(int64_t end_offset) {
  if (end_offset < 0 || entries_.empty() || entries_.back().start_offset < end_offset) return;
  size_t before = entries_.size();
  while (!entries_.empty() && entries_.back().start_offset >= end_offset) entries_.pop_back();
  VLOG(1) << file_.parent_path().filename().string() << ": removed " << before - entries_.size()
          << " leader epoch entries at or after offset " << end_offset;
  flush();
}

void leader_epoch_cache::truncate_from_start(int64_t start_offset) {
  // The last entry starting at or before start_offset is the epoch in force there.
  auto first_kept =
      std::upper_bound(entries_.begin(), entries_.end(), start_offset,
                       [](int64_t offset, const epoch_entry& entry) { return offset < entry.start_offset; });
  if (first_kept == entries_.begin()) return;  // every entry starts after it
  epoch_entry in_force = *std::prev(first_kept);
  if (std::prev(first_kept) == entries_.begin() && in_force.start_offset == start_offset) return;  // nothing changes
  in_force.start_offset = start_offset;
  entries_.erase(entries_.begin(), first_kept);
  entries_.insert(entries_.begin(), in_force);
  VLOG(1) << file_.parent_path().filename().string() << ": leader epoch entries now begin with " << in_force;
  flush();
}

void leader_epoch_cache::clear() {
  entries_.clear();
  flush();
}

void leader_epoch_cache::flush() const { write_leader_epoch_checkpoint(file_, entries_); }

}  // namespace kb::log
