#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// Flexible-version (KIP-482) arrays: uvarint(count + 1), 0 meaning null. As with the classic
// arrays (array_codec.h), a count the remaining bytes cannot hold at `min_element_bytes` each
// is a decode_error, so a hostile count never sizes an allocation.
template <class T, class ReadOne>
std::optional<std::vector<T>> read_compact_nullable_array(wire_reader& r, size_t min_element_bytes,
                                                          ReadOne&& read_one) {
  const uint32_t n = r.uvarint();
  if (n == 0) return std::nullopt;
  const size_t count = n - 1;
  if (min_element_bytes > 0 && count > r.remaining() / min_element_bytes) {
    throw decode_error("compact array length exceeds the remaining bytes");
  }
  std::vector<T> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) out.push_back(read_one(r));
  return out;
}

template <class T, class ReadOne>
std::vector<T> read_compact_array(wire_reader& r, size_t min_element_bytes, ReadOne&& read_one) {
  std::optional<std::vector<T>> out = read_compact_nullable_array<T>(r, min_element_bytes, read_one);
  if (!out) throw decode_error("null compact array where an array is required");
  return std::move(*out);
}

template <class T, class WriteOne>
void write_compact_array(wire_writer& w, const std::vector<T>& items, WriteOne&& write_one) {
  w.compact_array_length(static_cast<int32_t>(items.size()));
  for (const T& item : items) write_one(w, item);
}

// Writes 0 (null) for std::nullopt.
template <class T, class WriteOne>
void write_compact_nullable_array(wire_writer& w, const std::optional<std::vector<T>>& items, WriteOne&& write_one) {
  if (!items) {
    w.uvarint(0);
    return;
  }
  write_compact_array(w, *items, write_one);
}

}  // namespace kb::protocol
