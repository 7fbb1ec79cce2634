#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// Classic (non-flexible) arrays: an int32 count, then the elements. `min_element_bytes` is the
// smallest encoding of one element; the reader rejects any count the remaining bytes cannot
// hold, so a hostile count never sizes an allocation. A null (-1) count is a decode_error,
// as in Kafka: only arrays the schema marks nullable may be null.
template <class T, class ReadOne>
std::vector<T> read_array(wire_reader& r, size_t min_element_bytes, ReadOne&& read_one) {
  std::optional<int32_t> count = r.nullable_array_length(min_element_bytes);
  if (!count) throw decode_error("null array where an array is required");
  const int32_t n = *count;
  std::vector<T> out;
  out.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) out.push_back(read_one(r));
  return out;
}

// As read_array, but -1 decodes as std::nullopt (a null array is distinct from an empty one).
template <class T, class ReadOne>
std::optional<std::vector<T>> read_nullable_array(wire_reader& r, size_t min_element_bytes, ReadOne&& read_one) {
  std::optional<int32_t> n = r.nullable_array_length(min_element_bytes);
  if (!n) return std::nullopt;
  std::vector<T> out;
  out.reserve(static_cast<size_t>(*n));
  for (int32_t i = 0; i < *n; ++i) out.push_back(read_one(r));
  return out;
}

template <class T, class WriteOne>
void write_array(wire_writer& w, const std::vector<T>& items, WriteOne&& write_one) {
  w.array_length(static_cast<int32_t>(items.size()));
  for (const T& item : items) write_one(w, item);
}

// Writes -1 for std::nullopt.
template <class T, class WriteOne>
void write_nullable_array(wire_writer& w, const std::optional<std::vector<T>>& items, WriteOne&& write_one) {
  if (!items) {
    w.array_length(-1);
    return;
  }
  write_array(w, *items, write_one);
}

// Element readers and writers for the primitive arrays ([]int32, []string).
inline int32_t read_int32_element(wire_reader& r) { return r.i32(); }
inline std::string read_string_element(wire_reader& r) { return r.string(); }
inline void write_int32_element(wire_writer& w, int32_t v) { w.i32(v); }
inline void write_string_element(wire_writer& w, const std::string& s) { w.string(s); }

}  // namespace kb::protocol
