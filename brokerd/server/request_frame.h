#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>

namespace kb::server {

// The bytes of one request as read off the socket. Allocated without zero-filling: the read
// overwrites every byte, and for large produce requests the fill was a measurable cost.
class request_frame {
 public:
  request_frame() = default;
  explicit request_frame(size_t size) : bytes_(std::make_unique_for_overwrite<std::byte[]>(size)), size_(size) {}
  // A copy of `bytes` (tests build frames from encoded requests).
  static request_frame copy_of(std::span<const std::byte> bytes) {
    request_frame f(bytes.size());
    std::copy(bytes.begin(), bytes.end(), f.bytes_.get());
    return f;
  }

  std::span<std::byte> bytes() { return {bytes_.get(), size_}; }
  std::span<const std::byte> bytes() const { return {bytes_.get(), size_}; }
  size_t size() const { return size_; }

 private:
  std::unique_ptr<std::byte[]> bytes_;
  size_t size_ = 0;
};

}  // namespace kb::server
