#include "brokerd/protocol/wire_writer.h"

#include <stdexcept>
#include <string>

#include "log/big_endian.h"

namespace kb::protocol {
namespace {
template <class T>
void put(std::vector<std::byte>& buf, T v) {
  size_t at = buf.size();
  buf.resize(at + sizeof(T));
  be::store<T>(buf.data() + at, v);
}
}  // namespace

void wire_writer::i8(int8_t v) { buf_.push_back(static_cast<std::byte>(v)); }
void wire_writer::i16(int16_t v) { put(buf_, v); }
void wire_writer::i32(int32_t v) { put(buf_, v); }
void wire_writer::i64(int64_t v) { put(buf_, v); }

void wire_writer::uvarint(uint32_t v) {
  while (v >= 0x80) {
    buf_.push_back(static_cast<std::byte>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  buf_.push_back(static_cast<std::byte>(v));
}

void wire_writer::varint(int32_t v) {
  uvarint((static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31));
}

void wire_writer::varlong(int64_t v) {
  uint64_t zz = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  while (zz >= 0x80) {
    buf_.push_back(static_cast<std::byte>((zz & 0x7f) | 0x80));
    zz >>= 7;
  }
  buf_.push_back(static_cast<std::byte>(zz));
}

void wire_writer::string(std::string_view s) {
  // A classic string's length is an int16: a longer one cannot be encoded, only refused.
  if (s.size() > static_cast<size_t>(INT16_MAX)) {
    throw std::length_error("string of " + std::to_string(s.size()) + " bytes exceeds the int16 length of the protocol");
  }
  i16(static_cast<int16_t>(s.size()));
  raw(std::as_bytes(std::span(s.data(), s.size())));
}

void wire_writer::nullable_string(const std::optional<std::string>& s) {
  if (!s) {
    i16(-1);
    return;
  }
  string(*s);
}

void wire_writer::bytes(std::span<const std::byte> b) {
  i32(static_cast<int32_t>(b.size()));
  raw(b);
}

void wire_writer::nullable_bytes(const std::optional<std::span<const std::byte>>& b) {
  if (!b) {
    i32(-1);
    return;
  }
  bytes(*b);
}

void wire_writer::compact_string(std::string_view s) {
  uvarint(static_cast<uint32_t>(s.size()) + 1);
  raw(std::as_bytes(std::span(s.data(), s.size())));
}

void wire_writer::compact_nullable_string(const std::optional<std::string>& s) {
  if (!s) {
    uvarint(0);
    return;
  }
  compact_string(*s);
}

void wire_writer::compact_bytes(std::span<const std::byte> b) {
  uvarint(static_cast<uint32_t>(b.size()) + 1);
  raw(b);
}

size_t wire_writer::reserve_i32() {
  size_t at = buf_.size();
  i32(0);
  return at;
}

void wire_writer::patch_i32(size_t at, int32_t v) { be::store<int32_t>(buf_.data() + at, v); }

}  // namespace kb::protocol
