#pragma once

#include <cstddef>
#include <variant>
#include <vector>

#include "brokerd/protocol/wire_writer.h"
#include "log/segment.h"

namespace kb::protocol {

// An encoded response body as a sequence of memory chunks and log file slices, so that
// Fetch responses carry log data by reference and the connection sends it with sendfile.
// The frame's int32 size prefix is not included; size() gives it.
class response_buffer {
 public:
  using chunk = std::variant<std::vector<std::byte>, log::file_slice>;

  // The writer for the current memory chunk. Invalidated by file(): do not keep it across.
  wire_writer& w() { return current_; }
  // Appends a file slice (its length prefix must already be written with w()).
  void file(const log::file_slice& slice);

  size_t size() const { return sealed_bytes_ + current_.size(); }
  // The chunks in order; the buffer is empty afterwards.
  std::vector<chunk> take();

 private:
  std::vector<chunk> chunks_;
  size_t sealed_bytes_ = 0;
  wire_writer current_;
};

}  // namespace kb::protocol
