#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kb::bench {

// One uncompressed RecordBatch v2 of about `target_bytes`, made of records with ~1 KiB
// values (a single smaller record when target_bytes is below ~1 KiB). Record i has
// timestamp first_timestamp + i, so timestamps advance one millisecond per offset.
struct bench_batch {
  std::vector<std::byte> bytes;
  int32_t records = 0;
};

bench_batch make_bench_batch(size_t target_bytes, int64_t first_timestamp);

}  // namespace kb::bench
