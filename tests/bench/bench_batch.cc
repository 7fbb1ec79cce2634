#include "tests/bench/bench_batch.h"

#include <algorithm>
#include <string>

#include "log/batch_header.h"
#include "log/record_batch_builder.h"

namespace kb::bench {
namespace {
constexpr size_t value_bytes = 1024;
// Per-record bytes besides the value: length, attributes, timestamp and offset deltas,
// null key, value length and header count, all as (mostly one- or two-byte) varints.
constexpr size_t record_overhead = 10;
}  // namespace

bench_batch make_bench_batch(size_t target_bytes, int64_t first_timestamp) {
  size_t records = std::max<size_t>(1, target_bytes / value_bytes);
  size_t body = target_bytes > log::batch_header_size ? target_bytes - log::batch_header_size : 0;
  size_t per_record = body / records;
  size_t value_size = per_record > record_overhead ? per_record - record_overhead : 1;
  std::string value(value_size, 'v');
  for (size_t i = 0; i < value.size(); ++i) value[i] = static_cast<char>('a' + i % 26);

  log::record_batch_builder builder;
  for (size_t i = 0; i < records; ++i) builder.add(first_timestamp + static_cast<int64_t>(i), std::nullopt, value);
  return {builder.build(), builder.count()};
}

}  // namespace kb::bench
