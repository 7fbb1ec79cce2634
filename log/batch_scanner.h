#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "log/batch_header.h"
#include "log/file_handle.h"
#include "log/record.h"

namespace kb::log {

// Walks the batches of a .log file forward from a position, reading through a buffer so a
// scan costs one pread per ~64 KiB rather than one per batch. Structural checks only (the
// header fits, the length is sane, the batch ends inside the file); callers that need the
// CRC checked ask for the body and call validate_batch.
class batch_scanner {
 public:
  struct batch {
    uint64_t position;
    batch_header header;
    bytes_view bytes;  // the whole batch, only when read with want_body; valid until next()
  };
  enum class end_reason { end_of_file, torn_batch };

  // Lookups read one or two headers: a small window. Full-file scans pass a larger one.
  static constexpr size_t lookup_window = 4096;
  static constexpr size_t scan_window = 64 * 1024;

  batch_scanner(const file_handle& file, uint64_t start, uint64_t end, size_t window = lookup_window);

  std::optional<batch> next(bool want_body);
  uint64_t position() const { return position_; }
  end_reason reason() const { return reason_; }

 private:
  bytes_view read(uint64_t at, size_t n);  // empty if fewer than n bytes exist before end_

  const file_handle& file_;
  uint64_t position_;
  uint64_t end_;
  end_reason reason_ = end_reason::end_of_file;
  std::unique_ptr<std::byte[]> buffer_;  // not zero-filled: only the bytes read are used
  size_t capacity_;
  uint64_t buffer_start_ = 0;
  size_t buffer_len_ = 0;
};

}  // namespace kb::log
