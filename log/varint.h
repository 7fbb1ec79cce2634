#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

// Zig-zag variable-length integers (protobuf style) as used inside RecordBatch v2 records.
namespace kb::log::varint {

// Reads a zig-zag varint of at most `max_bytes` (5 for int32, 10 for int64) at `at`,
// advancing it. nullopt if the input ends early or the encoding is too long.
inline std::optional<int64_t> read(std::span<const std::byte> in, size_t& at, int max_bytes) {
  uint64_t raw = 0;
  for (int i = 0; i < max_bytes; ++i) {
    if (at >= in.size()) return std::nullopt;
    auto b = static_cast<uint8_t>(in[at++]);
    raw |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if (!(b & 0x80)) return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
  }
  return std::nullopt;
}

inline std::optional<int32_t> read32(std::span<const std::byte> in, size_t& at) {
  auto v = read(in, at, 5);
  if (!v || *v < INT32_MIN || *v > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(*v);
}

inline std::optional<int64_t> read64(std::span<const std::byte> in, size_t& at) { return read(in, at, 10); }

inline void write(std::vector<std::byte>& out, int64_t v) {
  uint64_t zz = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  while (zz >= 0x80) {
    out.push_back(static_cast<std::byte>((zz & 0x7f) | 0x80));
    zz >>= 7;
  }
  out.push_back(static_cast<std::byte>(zz));
}

inline size_t size_of(int64_t v) {
  uint64_t zz = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  size_t n = 1;
  while (zz >= 0x80) { zz >>= 7; ++n; }
  return n;
}

}  // namespace kb::log::varint
