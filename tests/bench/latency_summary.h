#pragma once

#include <cstdint>
#include <vector>

namespace kb::bench {

// Average, maximum and percentiles of per-record latencies, in milliseconds.
struct latency_summary {
  double avg_ms = 0;
  double max_ms = 0;
  double p50_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
};

// Summarises latencies given in microseconds (the vector is sorted in place). Percentiles use
// kafka-producer-perf-test's rule: the element at index floor(p * n) of the sorted values.
latency_summary summarise_latencies(std::vector<int64_t>& latencies_us);

}  // namespace kb::bench
