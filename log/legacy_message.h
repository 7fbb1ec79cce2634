#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "log/compression.h"
#include "log/record.h"

namespace kb::log {

// One entry of a legacy message set (magic 0 and 1, the formats before KIP-98):
//
//   0 offset int64   8 size int32 (bytes after itself)   12 crc uint32 (CRC-32/IEEE of [16, end))
//  16 magic int8    17 attributes int8 (bits 0-2 codec, bit 3 LogAppendTime in v1)
//  18 timestamp int64 (v1 only), then key and value as int32 length (-1 = null) + bytes.
//
// A compressed message is a wrapper (null key) whose value is a compressed message set of
// inner messages: relative inner offsets 0..n-1 in v1 (the wrapper carries the absolute
// offset of the last one), absolute offsets in v0.
inline constexpr size_t legacy_log_overhead = 12;  // offset + size
inline constexpr size_t legacy_crc_offset = 12;
inline constexpr size_t legacy_magic_offset = 16;
// Smallest entry (null key and value), log overhead included: 26 bytes in v0, 34 in v1.
inline constexpr size_t legacy_min_entry_v0 = 26;
inline constexpr size_t legacy_min_entry_v1 = 34;
inline constexpr int8_t legacy_timestamp_type_bit = 0x08;

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
  bool log_append_time() const { return magic > 0 && (attributes & legacy_timestamp_type_bit); }
};

// Parses one whole entry without judging it: the CRC and the body's shape are reported in
// crc_valid and body_valid (the dump tool prints invalid entries; the broker rejects them).
// `entry` must hold at least legacy_min_entry_v0 bytes, and legacy_min_entry_v1 when its
// magic byte is 1. The views point into `entry`.
legacy_message parse_legacy_message(bytes_view entry);

// CRC-32/IEEE (zlib's crc32), the checksum of legacy messages.
uint32_t legacy_crc32(bytes_view data);

// Appends one entry of `magic` (0 or 1) with a correct CRC; `timestamp` is written only for
// magic 1. `attributes` go out as given (a wrapper's codec bits with a compressed value).
void append_legacy_message(std::vector<std::byte>& out, int8_t magic, int64_t offset, int8_t attributes,
                           int64_t timestamp, std::optional<bytes_view> key, std::optional<bytes_view> value);

}  // namespace kb::log
