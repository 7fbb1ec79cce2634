#include "log/batch_scanner.h"

namespace kb::log {
namespace {
constexpr size_t chunk_bytes = 64 * 1024;
}

batch_scanner::batch_scanner(const file_handle& file, uint64_t start, uint64_t end)
    : file_(file), position_(start), end_(end), buffer_(chunk_bytes) {}

bytes_view batch_scanner::read(uint64_t at, size_t n) {
  if (at + n > end_) return {};
  if (at >= buffer_start_ && at + n <= buffer_start_ + buffer_len_) {
    return bytes_view(buffer_).subspan(at - buffer_start_, n);
  }
  if (buffer_.size() < n) buffer_.resize(n);
  size_t want = static_cast<size_t>(std::min<uint64_t>(buffer_.size(), end_ - at));
  buffer_start_ = at;
  buffer_len_ = file_.read_at(at, std::span(buffer_.data(), want));
  if (buffer_len_ < n) return {};
  return bytes_view(buffer_).subspan(0, n);
}

std::optional<batch_scanner::batch> batch_scanner::next(bool want_body) {
  if (position_ >= end_) {
    reason_ = end_reason::end_of_file;
    return std::nullopt;
  }
  bytes_view head = read(position_, batch_header_size);
  if (head.empty()) {
    reason_ = end_reason::torn_batch;
    return std::nullopt;
  }
  batch b{position_, parse_batch_header(head), {}};
  if (b.header.batch_length < static_cast<int32_t>(batch_header_size - log_overhead) ||
      position_ + b.header.total_size() > end_) {
    reason_ = end_reason::torn_batch;
    return std::nullopt;
  }
  if (want_body) {
    b.bytes = read(position_, b.header.total_size());
    if (b.bytes.empty()) {
      reason_ = end_reason::torn_batch;
      return std::nullopt;
    }
  }
  position_ += b.header.total_size();
  return b;
}

}  // namespace kb::log
