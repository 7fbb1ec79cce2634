#include "brokerd/protocol/wire_reader.h"

#include "log/big_endian.h"

namespace kb::protocol {

void wire_reader::need(size_t n, const char* what) const {
  if (remaining() < n) {
    throw decode_error(std::string("truncated ") + what + ": need " + std::to_string(n) + " bytes, " +
                       std::to_string(remaining()) + " left");
  }
}

int32_t wire_reader::checked_count(int64_t n, size_t min_element_bytes, const char* what) const {
  if (n < 0) throw decode_error(std::string("negative ") + what + " " + std::to_string(n));
  if (min_element_bytes > 0 && static_cast<uint64_t>(n) > remaining() / min_element_bytes) {
    throw decode_error(std::string(what) + " " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) +
                       " bytes left");
  }
  return static_cast<int32_t>(n);
}

bytes_view wire_reader::take(size_t n) {
  need(n, "field");
  bytes_view out = data_.subspan(at_, n);
  at_ += n;
  return out;
}

int8_t wire_reader::i8() {
  need(1, "int8");
  return be::load<int8_t>(data_.data() + at_++);
}
int16_t wire_reader::i16() {
  need(2, "int16");
  auto v = be::load<int16_t>(data_.data() + at_);
  at_ += 2;
  return v;
}
int32_t wire_reader::i32() {
  need(4, "int32");
  auto v = be::load<int32_t>(data_.data() + at_);
  at_ += 4;
  return v;
}
int64_t wire_reader::i64() {
  need(8, "int64");
  auto v = be::load<int64_t>(data_.data() + at_);
  at_ += 8;
  return v;
}
uint32_t wire_reader::u32() { return static_cast<uint32_t>(i32()); }

uint32_t wire_reader::uvarint() {
  uint32_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    need(1, "varint");
    auto b = static_cast<uint8_t>(data_[at_++]);
    v |= static_cast<uint32_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  throw decode_error("unsigned varint longer than 5 bytes");
}

int32_t wire_reader::varint() {
  uint32_t raw = uvarint();
  return static_cast<int32_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

int64_t wire_reader::varlong() {
  uint64_t raw = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    need(1, "varlong");
    auto b = static_cast<uint8_t>(data_[at_++]);
    raw |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
  }
  throw decode_error("varlong longer than 10 bytes");
}

std::string wire_reader::string() {
  auto s = nullable_string();
  if (!s) throw decode_error("null string where a string is required");
  return *s;
}

std::optional<std::string> wire_reader::nullable_string() {
  int16_t len = i16();
  if (len == -1) return std::nullopt;
  if (len < 0) throw decode_error("negative string length " + std::to_string(len));
  bytes_view b = take(static_cast<size_t>(len));
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

bytes_view wire_reader::bytes() {
  auto b = nullable_bytes();
  if (!b) throw decode_error("null bytes where bytes are required");
  return *b;
}

std::optional<bytes_view> wire_reader::nullable_bytes() {
  int32_t len = i32();
  if (len == -1) return std::nullopt;
  if (len < 0) throw decode_error("negative bytes length " + std::to_string(len));
  return take(static_cast<size_t>(len));
}

int32_t wire_reader::array_length(size_t min_element_bytes) {
  return nullable_array_length(min_element_bytes).value_or(0);
}

std::optional<int32_t> wire_reader::nullable_array_length(size_t min_element_bytes) {
  int32_t n = i32();
  if (n == -1) return std::nullopt;
  return checked_count(n, min_element_bytes, "array length");
}

std::string wire_reader::compact_string() {
  auto s = compact_nullable_string();
  if (!s) throw decode_error("null compact string where a string is required");
  return *s;
}

std::optional<std::string> wire_reader::compact_nullable_string() {
  uint32_t n = uvarint();
  if (n == 0) return std::nullopt;
  bytes_view b = take(n - 1);
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

bytes_view wire_reader::compact_bytes() {
  uint32_t n = uvarint();
  if (n == 0) throw decode_error("null compact bytes where bytes are required");
  return take(n - 1);
}

int32_t wire_reader::compact_array_length(size_t min_element_bytes) {
  uint32_t n = uvarint();
  if (n == 0) return 0;
  return checked_count(static_cast<int64_t>(n) - 1, min_element_bytes, "compact array length");
}

void wire_reader::skip_tagged_fields() {
  uint32_t count = uvarint();
  checked_count(count, 2, "tagged field count");
  for (uint32_t i = 0; i < count; ++i) {
    uvarint();  // tag
    take(uvarint());
  }
}

}  // namespace kb::protocol
