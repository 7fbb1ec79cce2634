#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "log/compression.h"
#include "log/errc.h"

namespace kb::log {

// Decompresses one compressed payload a piece at a time into the caller's buffer, so that a
// payload is checked without ever holding all of its output (a bomb costs CPU, not memory).
// Beyond the caller's buffer each codec holds at most: gzip its 32 KiB window, LZ4 one block
// (at most 4 MiB), zstd a window of at most 16 MiB (frames asking for more are refused),
// snappy one block (at most 22 times the block's bytes). Framing is that of decompress():
// gzip members, xerial or raw snappy, LZ4 frames, zstd frames.
class decompress_stream {
 public:
  virtual ~decompress_stream() = default;

  // Writes the next decompressed bytes into `out` (non-empty) and returns how many: at least
  // one, or 0 once the payload has ended cleanly. decompression_failed for corrupt or
  // truncated input, or trailing bytes after the last frame. Never called again after an error.
  virtual result<size_t> read(std::span<std::byte> out) = 0;
};

// `c` is one of the five codecs; `payload` must outlive the stream. Snappy decompresses a
// block at a time; a block that would decompress past `max_block_bytes` is
// decompression_failed.
std::unique_ptr<decompress_stream> open_decompress_stream(compression_type c, std::span<const std::byte> payload,
                                                          size_t max_block_bytes = max_decompressed_bytes);

}  // namespace kb::log
