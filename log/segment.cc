#include "log/segment.h"

#include <sys/stat.h>

#include <glog/logging.h>

#include "log/batch_scanner.h"
#include "log/file_names.h"

namespace kb::log {

segment::segment(const std::filesystem::path& dir, int64_t base_offset, const log_config& cfg, int64_t now_ms,
                 bool writable_indexes)
    : base_offset_(base_offset),
      cfg_(cfg),
      log_(std::make_shared<file_handle>(log_path(dir, base_offset), file_handle::mode::read_write_create)),
      next_offset_(base_offset),
      offset_of_max_timestamp_(base_offset),
      created_ms_(now_ms) {
  size_t max_index = writable_indexes ? cfg.max_index_bytes : 0;
  offset_index_ = std::make_unique<offset_index>(index_path(dir, base_offset), base_offset, max_index, true);
  time_index_ = std::make_unique<time_index>(time_index_path(dir, base_offset), base_offset, max_index, true);
  size_ = log_->size();
}

segment::~segment() = default;

std::unique_ptr<segment> segment::create(const std::filesystem::path& dir, int64_t base_offset,
                                         const log_config& cfg, int64_t now_ms) {
  auto s = std::unique_ptr<segment>(new segment(dir, base_offset, cfg, now_ms, true));
  CHECK_EQ(s->size_, 0u) << "creating segment over existing data: " << s->log_file_path();
  return s;
}

std::unique_ptr<segment> segment::open(const std::filesystem::path& dir, int64_t base_offset,
                                       const log_config& cfg, int64_t now_ms) {
  bool index_missing = !std::filesystem::exists(index_path(dir, base_offset));
  bool time_index_missing = !std::filesystem::exists(time_index_path(dir, base_offset));
  auto s = std::unique_ptr<segment>(new segment(dir, base_offset, cfg, now_ms, false));
  bool rebuild = ((index_missing || time_index_missing) && s->size_ > 0) || !s->indexes_consistent();
  if (rebuild) {
    LOG(WARNING) << "Rebuilding indexes of " << s->log_file_path()
                 << (index_missing || time_index_missing ? " (index file missing)" : " (index inconsistent with log)");
    s->offset_index_->resize(cfg.max_index_bytes);
    s->time_index_->resize(cfg.max_index_bytes);
    s->truncated_on_open_ = s->recover();
    s->recovered_on_open_ = true;
    if (s->truncated_on_open_ > 0) {
      LOG(WARNING) << "Truncated " << s->truncated_on_open_ << " invalid bytes from " << s->log_file_path();
    }
    s->on_become_inactive();
  }
  return s;
}

bool segment::indexes_consistent() {
  if (offset_index_->opened_with_partial_entry() || time_index_->opened_with_partial_entry()) return false;
  if (!offset_index_->is_consistent(size_)) return false;
  if (auto last = offset_index_->last()) {
    // The last entry must name a real batch: the one at its position ends at its offset.
    batch_scanner scan(*log_, last->position, size_);
    auto b = scan.next(false);
    if (!b || b->header.last_offset() != last->offset) return false;
  }
  try {
    load_tail_state();
  } catch (const std::runtime_error&) {
    return false;
  }
  return time_index_->is_consistent(next_offset_);
}

// Finds next_offset by scanning from the last index entry, and the max timestamp from the
// time index's last entry (written on roll and close) and the batches after it.
void segment::load_tail_state() {
  reset_tail_state();
  if (size_ == 0) return;
  auto start = offset_index_->last();
  batch_scanner scan(*log_, start ? start->position : 0, size_);
  uint64_t end = start ? start->position : 0;
  while (auto b = scan.next(false)) {
    next_offset_ = b->header.next_offset();
    if (b->header.max_timestamp > max_timestamp_) {
      max_timestamp_ = b->header.max_timestamp;
      offset_of_max_timestamp_ = b->header.last_offset();
    }
    end = scan.position();
  }
  if (end != size_) throw std::runtime_error("torn batch at end of " + log_file_path().string());
  if (auto t = time_index_->last(); t && t->timestamp > max_timestamp_) {
    max_timestamp_ = t->timestamp;
    offset_of_max_timestamp_ = t->offset;
  }
  batch_scanner first(*log_, 0, size_);
  if (auto b = first.next(false)) first_batch_timestamp_ = b->header.max_timestamp;
}

void segment::reset_tail_state() {
  next_offset_ = base_offset_;
  max_timestamp_ = -1;
  offset_of_max_timestamp_ = base_offset_;
  first_batch_timestamp_.reset();
  bytes_since_last_index_entry_ = 0;
}

int64_t segment::largest_timestamp_ms() const {
  if (max_timestamp_ >= 0) return max_timestamp_;
  struct stat st {};
  if (::stat(log_->path().c_str(), &st) != 0) return created_ms_;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

bool segment::should_roll(uint64_t bytes, int64_t max_timestamp, int64_t last_offset, int64_t now_ms) const {
  if (size_ > 0 && size_ + bytes > cfg_.segment_bytes) return true;
  if (size_ > 0) {
    int64_t waited = first_batch_timestamp_ && *first_batch_timestamp_ >= 0 ? max_timestamp - *first_batch_timestamp_
                                                                           : now_ms - created_ms_;
    if (waited > cfg_.segment_ms - cfg_.segment_jitter_ms) return true;
  }
  if (offset_index_->full() || time_index_->full()) return true;
  if (size_ + bytes > UINT32_MAX) return true;  // positions are int32 on disk
  return last_offset - base_offset_ > INT32_MAX;
}

void segment::index_batch(const batch_summary& b, uint32_t position) {
  if (b.max_timestamp > max_timestamp_) {
    max_timestamp_ = b.max_timestamp;
    offset_of_max_timestamp_ = b.last_offset;
  }
  if (bytes_since_last_index_entry_ > cfg_.index_interval_bytes) {
    offset_index_->append(b.last_offset, position);
    time_index_->maybe_append(max_timestamp_, offset_of_max_timestamp_);
    bytes_since_last_index_entry_ = 0;
  }
  bytes_since_last_index_entry_ += b.size;
  if (!first_batch_timestamp_) first_batch_timestamp_ = b.max_timestamp;
  next_offset_ = b.last_offset + 1;
}

void segment::append(bytes_view data, std::span<const batch_summary> batches) {
  if (data.empty()) return;
  CHECK(!batches.empty() && batches.front().base_offset >= next_offset_)
      << "append at offset " << (batches.empty() ? -1 : batches.front().base_offset) << " below segment end "
      << next_offset_ << " in " << log_file_path();
  uint64_t position = size_;
  log_->write_at(position, data);
  for (const auto& b : batches) {
    index_batch(b, static_cast<uint32_t>(position));
    position += b.size;
  }
  CHECK_EQ(position, size_ + data.size()) << "batch summaries do not cover the appended bytes";
  size_ = position;
}

std::optional<batch_location> segment::find_batch(int64_t offset) const {
  if (offset >= next_offset_) return std::nullopt;
  auto start = offset_index_->lookup(offset);
  batch_scanner scan(*log_, start.position, size_);
  while (auto b = scan.next(false)) {
    if (b->header.last_offset() >= offset) {
      return batch_location{b->header.base_offset, b->header.last_offset(), static_cast<uint32_t>(b->position),
                            static_cast<uint32_t>(b->header.total_size())};
    }
  }
  return std::nullopt;
}

file_slice segment::slice(uint64_t position, uint64_t size) const {
  CHECK_LE(position + size, size_) << "slice beyond end of " << log_file_path();
  return {log_, position, static_cast<uint32_t>(size)};
}

std::vector<std::byte> segment::read_bytes(uint64_t position, uint64_t size) const {
  std::vector<std::byte> out(size);
  out.resize(log_->read_at(position, out));
  return out;
}

std::optional<timestamp_and_offset> segment::find_offset_by_timestamp(int64_t target, int64_t starting_offset) const {
  if (max_timestamp_ < target) return std::nullopt;
  int64_t from = std::max(time_index_->last_entry_before(target).offset, starting_offset);
  batch_scanner scan(*log_, offset_index_->lookup(from).position, size_, batch_scanner::scan_window);
  while (auto b = scan.next(true)) {
    if (b->header.max_timestamp < target || b->header.last_offset() < starting_offset) continue;
    auto records = batch_records::decode(b->bytes);
    if (!records) {
      LOG(WARNING) << "Skipping undecodable batch at " << b->position << " of " << log_file_path() << ": "
                   << records.error().message();
      continue;
    }
    const batch_header& h = records.value().header();
    for (const record& r : records.value().records()) {
      int64_t offset = record_offset(h, r);
      int64_t ts = record_timestamp(h, r);
      if (offset >= starting_offset && ts >= target) return timestamp_and_offset{ts, offset};
    }
  }
  return std::nullopt;
}

void segment::for_each_batch(const std::function<void(const batch_header&)>& fn) const {
  batch_scanner scan(*log_, 0, size_);
  while (auto b = scan.next(false)) fn(b->header);
}

uint64_t segment::truncate_to(int64_t offset) {
  auto first_removed = find_batch(offset);
  if (!first_removed) return 0;
  uint64_t new_size = first_removed->position;
  uint64_t removed = size_ - new_size;
  offset_index_->truncate_to(offset);
  time_index_->truncate_to(offset);
  log_->truncate(new_size);
  size_ = new_size;
  load_tail_state();
  // Kafka resets this after truncation; the next append is indexed once the interval passes.
  bytes_since_last_index_entry_ = 0;
  return removed;
}

uint64_t segment::recover() {
  offset_index_->truncate_all();
  time_index_->truncate_all();
  reset_tail_state();
  batch_scanner scan(*log_, 0, size_, batch_scanner::scan_window);
  uint64_t valid = 0;
  while (auto b = scan.next(true)) {
    auto header = validate_batch(b->bytes);
    if (!header) {
      LOG(WARNING) << "Invalid batch at position " << b->position << " of " << log_file_path() << ": "
                   << header.error().message();
      break;
    }
    const batch_header& h = header.value();
    if (h.base_offset < next_offset_ || h.last_offset() < h.base_offset || h.last_offset() - base_offset_ > INT32_MAX) {
      LOG(WARNING) << "Batch at position " << b->position << " of " << log_file_path() << " has offset "
                   << h.base_offset << " out of order (segment end " << next_offset_ << ")";
      break;
    }
    index_batch({h.base_offset, h.last_offset(), h.max_timestamp, static_cast<uint32_t>(h.total_size())},
                static_cast<uint32_t>(b->position));
    valid = scan.position();
  }
  uint64_t cut = size_ - valid;
  if (cut > 0) {
    log_->truncate(valid);
    size_ = valid;
  }
  return cut;
}

void segment::flush() {
  log_->sync();
  offset_index_->flush();
  time_index_->flush();
}

void segment::on_become_inactive() {
  if (size_ > 0) time_index_->maybe_append(max_timestamp_, offset_of_max_timestamp_, true);
  offset_index_->trim();
  time_index_->trim();
}

void segment::on_become_active() {
  offset_index_->resize(cfg_.max_index_bytes);
  time_index_->resize(cfg_.max_index_bytes);
}

void segment::remove_files() {
  std::error_code ec;
  std::filesystem::remove(log_->path(), ec);
  std::filesystem::remove(offset_index_->path(), ec);
  std::filesystem::remove(time_index_->path(), ec);
}

}  // namespace kb::log
