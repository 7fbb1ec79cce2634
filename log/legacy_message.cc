#include "log/legacy_message.h"

#include <zlib.h>

#include "log/big_endian.h"

namespace kb::log {
namespace {

constexpr size_t crc_covered_from = legacy_magic_offset;

// Reads an int32 length and that many bytes; -1 is null. False if the entry is too short.
bool read_legacy_bytes(bytes_view in, size_t& at, std::optional<bytes_view>& out) {
  if (in.size() - at < 4) return false;
  int32_t len = be::load<int32_t>(in.data() + at);
  at += 4;
  if (len == -1) {
    out.reset();
    return true;
  }
  if (len < 0 || static_cast<size_t>(len) > in.size() - at) return false;
  out = in.subspan(at, static_cast<size_t>(len));
  at += static_cast<size_t>(len);
  return true;
}

template <class T>
void put(std::vector<std::byte>& out, T v) {
  size_t at = out.size();
  out.resize(at + sizeof(T));
  be::store<T>(out.data() + at, v);
}

void put_legacy_bytes(std::vector<std::byte>& out, const std::optional<bytes_view>& b) {
  if (!b) {
    put<int32_t>(out, -1);
    return;
  }
  put<int32_t>(out, static_cast<int32_t>(b->size()));
  out.insert(out.end(), b->begin(), b->end());
}

}  // namespace

uint32_t legacy_crc32(bytes_view data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  // crc32_z takes a size_t length: entries may exceed zlib's 32-bit uInt only in theory.
  crc = ::crc32_z(crc, reinterpret_cast<const Bytef*>(data.data()), data.size());
  return static_cast<uint32_t>(crc);
}

legacy_message parse_legacy_message(bytes_view entry) {
  const std::byte* p = entry.data();
  legacy_message m;
  m.offset = be::load<int64_t>(p);
  m.size = entry.size();
  m.crc = be::load<uint32_t>(p + legacy_crc_offset);
  m.magic = be::load<int8_t>(p + legacy_magic_offset);
  m.attributes = be::load<int8_t>(p + legacy_magic_offset + 1);
  size_t at = legacy_magic_offset + 2;
  if (m.magic == 1) {
    m.timestamp = be::load<int64_t>(p + at);
    at += 8;
  }
  m.crc_valid = legacy_crc32(entry.subspan(crc_covered_from)) == m.crc;
  m.body_valid = read_legacy_bytes(entry, at, m.key) && read_legacy_bytes(entry, at, m.value) && at == entry.size();
  if (!m.body_valid) {
    m.key.reset();
    m.value.reset();
  }
  return m;
}

void append_legacy_message(std::vector<std::byte>& out, int8_t magic, int64_t offset, int8_t attributes,
                           int64_t timestamp, std::optional<bytes_view> key, std::optional<bytes_view> value) {
  const size_t start = out.size();
  put<int64_t>(out, offset);
  put<int32_t>(out, 0);   // size, patched below
  put<uint32_t>(out, 0);  // crc, patched below
  put<int8_t>(out, magic);
  put<int8_t>(out, attributes);
  if (magic == 1) put<int64_t>(out, timestamp);
  put_legacy_bytes(out, key);
  put_legacy_bytes(out, value);
  std::byte* entry = out.data() + start;
  const size_t size = out.size() - start;
  be::store<int32_t>(entry + 8, static_cast<int32_t>(size - legacy_log_overhead));
  be::store<uint32_t>(entry + legacy_crc_offset,
                      legacy_crc32(bytes_view(entry + crc_covered_from, size - crc_covered_from)));
}

}  // namespace kb::log
