#include "brokerd/protocol/messages/scalar_arrays.h"

namespace kb::protocol {
namespace {
template <class T, class Read>
std::vector<T> read_array(wire_reader& r, Read read) {
  int32_t n = read_array_count(r, sizeof(T));
  std::vector<T> out;
  out.reserve(n);
  for (int32_t i = 0; i < n; ++i) out.push_back(read());
  return out;
}
}  // namespace

int32_t read_array_count(wire_reader& r, size_t min_element_bytes) {
  auto n = r.nullable_array_length(min_element_bytes);
  if (!n) throw decode_error("null array where an array is required");
  return *n;
}

std::vector<int32_t> read_int32_array(wire_reader& r) {
  return read_array<int32_t>(r, [&] { return r.i32(); });
}

std::vector<int64_t> read_int64_array(wire_reader& r) {
  return read_array<int64_t>(r, [&] { return r.i64(); });
}

void write_int32_array(wire_writer& w, std::span<const int32_t> values) {
  w.array_length(static_cast<int32_t>(values.size()));
  for (int32_t v : values) w.i32(v);
}

void write_int64_array(wire_writer& w, std::span<const int64_t> values) {
  w.array_length(static_cast<int32_t>(values.size()));
  for (int64_t v : values) w.i64(v);
}

}  // namespace kb::protocol
