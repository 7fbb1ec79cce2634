#include "log/batch_scanner.h"

namespace kb::log {
batch_scanner::batch_scanner(const file_handle& file, uint64_t start, uint64_t end, size_t window)
    : file_(file), position_(start), end_(end), buffer_(std::make_unique_for_overwrite<std::byte[]>(window)),
      capacity_(window) {}

bytes_view batch_scanner::read(uint64_t at, size_t n) {
  if (at + n > end_) return {};
  if (at >= buffer_start_ && at + n <= buffer_start_ + buffer_len_) {
    return bytes_view(buffer_.get() + (at - buffer_start_), n);
  }
  if (capacity_ < n) {
    buffer_ = std::make_unique_for_overwrite<std::byte[]>(n);
    capacity_ = n;
  }
  size_t want = static_cast<size_t>(std::min<uint64_t>(capacity_, end_ - at));
  buffer_start_ = at;
  buffer_len_ = file_.read_at(at, std::span(buffer_.get(), want));
  if (buffer_len_ < n) return {};
  return bytes_view(buffer_.get(), n);
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
