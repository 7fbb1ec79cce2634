#pragma once

// Builders of legacy message sets (magic 0 and 1) for tests. Written byte by byte with
// zlib's CRC-32, independently of log/legacy_message.cc, so tests of the broker's parser
// and writer do not check the code against itself.
#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "log/big_endian.h"
#include "log/compression.h"

namespace kb::test {

struct legacy_msg {
  int64_t offset = 0;
  std::optional<std::string> key;
  std::optional<std::string> value;
  int64_t timestamp = -1;  // written for magic 1 only
  int8_t attributes = 0;
};

namespace detail {
template <class T>
void put(std::vector<std::byte>& out, T v) {
  size_t at = out.size();
  out.resize(at + sizeof(T));
  be::store<T>(out.data() + at, v);
}
inline void put_bytes(std::vector<std::byte>& out, const std::optional<std::string>& s) {
  if (!s) return put<int32_t>(out, -1);
  put<int32_t>(out, static_cast<int32_t>(s->size()));
  for (char c : *s) out.push_back(static_cast<std::byte>(c));
}
}  // namespace detail

// One entry appended to `out`: offset, size, crc, magic, attributes, [timestamp], key, value.
inline void append_legacy(std::vector<std::byte>& out, int8_t magic, const legacy_msg& m) {
  size_t start = out.size();
  detail::put<int64_t>(out, m.offset);
  detail::put<int32_t>(out, 0);
  detail::put<uint32_t>(out, 0);
  detail::put<int8_t>(out, magic);
  detail::put<int8_t>(out, m.attributes);
  if (magic == 1) detail::put<int64_t>(out, m.timestamp);
  detail::put_bytes(out, m.key);
  detail::put_bytes(out, m.value);
  be::store<int32_t>(out.data() + start + 8, static_cast<int32_t>(out.size() - start - 12));
  uLong crc = ::crc32(0L, Z_NULL, 0);
  crc = ::crc32(crc, reinterpret_cast<const Bytef*>(out.data() + start + 16),
                static_cast<uInt>(out.size() - start - 16));
  be::store<uint32_t>(out.data() + start + 12, static_cast<uint32_t>(crc));
}

inline std::vector<std::byte> legacy_set(int8_t magic, const std::vector<legacy_msg>& msgs) {
  std::vector<std::byte> out;
  for (const auto& m : msgs) append_legacy(out, magic, m);
  return out;
}

// A message set of one compressed wrapper (null key) around `inner`, a legacy set, with the
// wrapper's value compressed by `compressed` (the codec's output, supplied by the caller so
// tests can choose framings).
inline std::vector<std::byte> legacy_wrapper(int8_t magic, log::compression_type codec,
                                             const std::vector<std::byte>& compressed, int64_t offset = 0,
                                             int64_t timestamp = -1) {
  legacy_msg w;
  w.offset = offset;
  w.timestamp = timestamp;
  w.attributes = static_cast<int8_t>(codec);
  w.value = std::string(reinterpret_cast<const char*>(compressed.data()), compressed.size());
  return legacy_set(magic, {w});
}

// Recomputes the CRC of the entry starting at `at` (after a test edited its body).
inline void fix_legacy_crc(std::vector<std::byte>& set, size_t at = 0) {
  int32_t size = be::load<int32_t>(set.data() + at + 8);
  uLong crc = ::crc32(0L, Z_NULL, 0);
  crc = ::crc32(crc, reinterpret_cast<const Bytef*>(set.data() + at + 16), static_cast<uInt>(size - 4));
  be::store<uint32_t>(set.data() + at + 12, static_cast<uint32_t>(crc));
}

}  // namespace kb::test
