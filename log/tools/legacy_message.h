#pragma once

#include <cstdint>
#include <optional>

#include "log/compression.h"
#include "log/record.h"

namespace kb::log::tools {

// A message of the legacy formats (magic 0 and 1, before KIP-98), read only for display:
//
//   0 offset int64   8 size int32   12 crc uint32 (CRC-32/IEEE of bytes [16, end))
//  16 magic int8    17 attributes int8 (bits 0-2 codec, bit 3 LogAppendTime in v1)
//  18 timestamp int64 (v1 only), then key and value as int32 length (-1 = null) + bytes.
//
// A compressed message is a wrapper whose value holds a compressed set of inner messages.
struct legacy_message {
  int64_t offset = 0;
  uint64_t size = 0;  // whole entry, 12-byte log overhead included
  uint32_t crc = 0;
  int8_t magic = 0;
  int8_t attributes = 0;
  int64_t timestamp = -1;  // -1 for v0
  bool crc_valid = false;
  bool body_valid = false;  // key and value lengths fit the entry exactly
  std::optional<bytes_view> key;
  std::optional<bytes_view> value;

  compression_type compression() const { return static_cast<compression_type>(attributes & 0x07); }
  bool log_append_time() const { return magic > 0 && (attributes & 0x08); }
};

// Parses one whole entry; `entry` must hold at least the minimum size for its magic (26
// bytes for v0, 34 for v1), which read_frame guarantees. The views point into `entry`.
legacy_message parse_legacy_message(bytes_view entry);

}  // namespace kb::log::tools
