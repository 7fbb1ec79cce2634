#pragma once

#include <cstdint>

#include "tests/bench/perf_options.h"

namespace kb::bench {

struct consume_result {
  int64_t records = 0;
  int64_t bytes = 0;   // keys plus values, as kafka-consumer-perf-test counts
  // From the first record to the last, like the fetch.* columns of kafka-consumer-perf-test,
  // which leave out the group join. Here the time left out is librdkafka's own start-up:
  // leader lookup and ListOffsets for each partition (up to ~0.5 s, its internal timers).
  double seconds = 0;
  double startup_seconds = 0;  // from starting the partitions to the first record
};

// Consume mode: reads options.num_records records of options.topic from the beginning of
// every partition, with no consumer group (librdkafka's queue-based simple consumer: explicit
// partitions, no JoinGroup, no offset commits, so nothing but Metadata and Fetch reaches the
// broker). Fails if no record arrives for options.timeout_ms.
//
// On the mock cluster (which lives inside this process and starts empty), it first produces
// the records, untimed, into the consumer's own mock cluster, with
// options.partitions (default 1) partitions.
consume_result run_consume(const perf_options& options);

}  // namespace kb::bench
