#include "log/tools/legacy_message.h"

#include <zlib.h>

#include "log/big_endian.h"

namespace kb::log::tools {
namespace {

constexpr size_t crc_field = 12;
constexpr size_t crc_covered_from = 16;

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

uint32_t crc32_ieee(bytes_view data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  // Entries are bounded by --max-message-size, far below zlib's uInt limit.
  crc = ::crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  return static_cast<uint32_t>(crc);
}

}  // namespace

legacy_message parse_legacy_message(bytes_view entry) {
  const std::byte* p = entry.data();
  legacy_message m;
  m.offset = be::load<int64_t>(p);
  m.size = entry.size();
  m.crc = be::load<uint32_t>(p + crc_field);
  m.magic = be::load<int8_t>(p + 16);
  m.attributes = be::load<int8_t>(p + 17);
  size_t at = 18;
  if (m.magic == 1) {
    m.timestamp = be::load<int64_t>(p + at);
    at += 8;
  }
  m.crc_valid = crc32_ieee(entry.subspan(crc_covered_from)) == m.crc;
  m.body_valid = read_legacy_bytes(entry, at, m.key) && read_legacy_bytes(entry, at, m.value) && at == entry.size();
  if (!m.body_valid) {
    m.key.reset();
    m.value.reset();
  }
  return m;
}

}  // namespace kb::log::tools
