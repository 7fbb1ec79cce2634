#pragma once

#include <cstdint>

#include "tests/bench/perf_options.h"

namespace kb::bench {

struct fetch_result {
  int64_t records = 0;
  int64_t bytes = 0;  // record batches as served, headers included
  double seconds = 0;  // from the first Fetch request to the last response
};

// Fetch mode: how fast the broker serves a topic, without a client's per-record work. Reads
// options.num_records records of options.topic from offset 0 of every partition with plain
// Fetch requests (v11, one in flight, max 50 MiB per response and 1 MiB per partition:
// librdkafka's fetch.max.bytes and max.partition.fetch.bytes), counting records from the
// batch headers. Every partition must be led by the bootstrap broker (a one-broker cluster).
// librdkafka's consumer, by contrast, parses every record, which bounds it at 100 B records.
fetch_result run_fetch(const perf_options& options);

}  // namespace kb::bench
