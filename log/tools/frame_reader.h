#pragma once

#include <cstdint>

#include "log/file_handle.h"

namespace kb::log::tools {

// One entry of a .log file in any message format. Every format starts with the same 17
// bytes: offset int64, length int32 (bytes after itself), 4 bytes (CRC in v0/v1, leader
// epoch in v2), magic int8. For v2 `offset` is the base offset; for v0/v1 it is the
// message's own offset, which for a compressed wrapper is its last inner offset.
struct frame {
  uint64_t position = 0;
  uint64_t size = 0;  // length + 12: the bytes the entry occupies in the file
  int8_t magic = 0;
  int64_t last_offset = 0;
  int64_t max_timestamp = -1;  // -1 for v0, which has no timestamps
};

enum class frame_status {
  ok,
  end_of_file,  // position == end
  torn,         // bytes remain that do not form a whole entry of a known minimum size
};

// Reads the frame at `position` of a file whose readable bytes end at `end`. Only the
// header is read; the entry is known to lie inside [position, end) when the status is ok.
// Magic values other than 0, 1 and 2 come back ok with last_offset/max_timestamp unset;
// the caller decides what to do with them. Throws std::system_error on I/O failure.
frame_status read_frame(const file_handle& file, uint64_t position, uint64_t end, frame& out);

}  // namespace kb::log::tools
