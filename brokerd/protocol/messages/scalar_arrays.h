#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// Classic (int32-counted, non-nullable) arrays of int32 / int64, e.g. Metadata's replica
// lists. A null count (-1) is rejected: none of these fields is nullable.
std::vector<int32_t> read_int32_array(wire_reader& r);
std::vector<int64_t> read_int64_array(wire_reader& r);
void write_int32_array(wire_writer& w, std::span<const int32_t> values);
void write_int64_array(wire_writer& w, std::span<const int64_t> values);

// The count of a non-nullable classic array of structs whose encoding takes at least
// `min_element_bytes`; throws decode_error on -1 as well as on any other bad count.
int32_t read_array_count(wire_reader& r, size_t min_element_bytes);

}  // namespace kb::protocol
