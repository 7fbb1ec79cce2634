#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <vector>

namespace kb::protocol {

// Appends Kafka's primitive types to a growing buffer (the inverse of wire_reader).
class wire_writer {
 public:
  wire_writer() = default;
  explicit wire_writer(size_t reserve) { buf_.reserve(reserve); }

  void i8(int8_t v);
  void i16(int16_t v);
  void i32(int32_t v);
  void i64(int64_t v);
  void u32(uint32_t v) { i32(static_cast<int32_t>(v)); }
  void boolean(bool v) { i8(v ? 1 : 0); }
  void uvarint(uint32_t v);
  void varint(int32_t v);
  void varlong(int64_t v);

  void string(std::string_view s);
  void nullable_string(const std::optional<std::string>& s);
  void bytes(std::span<const std::byte> b);
  void nullable_bytes(const std::optional<std::span<const std::byte>>& b);
  void array_length(int32_t n) { i32(n); }

  void compact_string(std::string_view s);
  void compact_nullable_string(const std::optional<std::string>& s);
  void compact_bytes(std::span<const std::byte> b);
  void compact_array_length(int32_t n) { uvarint(static_cast<uint32_t>(n) + 1); }
  void empty_tagged_fields() { uvarint(0); }

  void raw(std::span<const std::byte> b) { buf_.insert(buf_.end(), b.begin(), b.end()); }
  // Reserves an int32 to be filled in later (a size prefix); returns its position.
  size_t reserve_i32();
  void patch_i32(size_t at, int32_t v);

  size_t size() const { return buf_.size(); }
  std::vector<std::byte>& buffer() { return buf_; }
  std::vector<std::byte> take() && { return std::move(buf_); }

 private:
  std::vector<std::byte> buf_;
};

}  // namespace kb::protocol
