#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "brokerd/protocol/decode_error.h"

namespace kb::protocol {

using bytes_view = std::span<const std::byte>;

// Reads Kafka's primitive types from a request or response body. Every read checks the
// remaining length and throws decode_error rather than reading past the end; lengths and
// counts are checked against the bytes left, so a hostile count cannot size an allocation.
class wire_reader {
 public:
  explicit wire_reader(bytes_view data) : data_(data) {}

  int8_t i8();
  int16_t i16();
  int32_t i32();
  int64_t i64();
  uint32_t u32();
  bool boolean() { return i8() != 0; }
  uint32_t uvarint();
  int32_t varint();
  int64_t varlong();

  // Classic encodings: int16 length strings, int32 length bytes, int32 count arrays.
  std::string string();
  std::optional<std::string> nullable_string();
  bytes_view bytes();
  std::optional<bytes_view> nullable_bytes();
  // An array count; -1 (null) reads as 0 unless the caller asks via nullable_array_length.
  // `min_element_bytes` bounds the count by what remains.
  int32_t array_length(size_t min_element_bytes = 1);
  std::optional<int32_t> nullable_array_length(size_t min_element_bytes = 1);

  // Flexible (KIP-482) encodings: uvarint(length + 1), 0 = null.
  std::string compact_string();
  std::optional<std::string> compact_nullable_string();
  bytes_view compact_bytes();
  int32_t compact_array_length(size_t min_element_bytes = 1);
  void skip_tagged_fields();

  bytes_view take(size_t n);
  size_t remaining() const { return data_.size() - at_; }
  size_t position() const { return at_; }
  bool done() const { return at_ == data_.size(); }

 private:
  void need(size_t n, const char* what) const;
  int32_t checked_count(int64_t n, size_t min_element_bytes, const char* what) const;

  bytes_view data_;
  size_t at_ = 0;
};

}  // namespace kb::protocol
