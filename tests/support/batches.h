#pragma once

// Builders of valid RecordBatch v2 bytes for tests.
#include <cstdint>
#include <string>
#include <vector>

#include "log/record_batch_builder.h"

namespace kb::test {

// A batch of `records` records, each `value_bytes` long, all stamped `timestamp`.
// Values are "<tag>-<i>" padded with 'x', so reads can be checked against what was written.
inline std::vector<std::byte> make_batch(int records, size_t value_bytes = 16, int64_t timestamp = 1'700'000'000'000,
                                         const std::string& tag = "v",
                                         log::compression_type codec = log::compression_type::none) {
  log::record_batch_builder b(codec);
  for (int i = 0; i < records; ++i) {
    std::string value = tag + "-" + std::to_string(i);
    if (value.size() < value_bytes) value.resize(value_bytes, 'x');
    b.add(timestamp, std::string("k") + std::to_string(i), value);
  }
  return b.build();
}

}  // namespace kb::test
