#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

namespace kb::tools {

// kafka-producer-perf-test's Stats: every acknowledged (or failed) record is recorded with its
// latency; a line per reporting window ("N records sent, X records/sec (Y MB/sec), Z ms avg
// latency, W ms max latency.") once a window is 5 s old, and a final summary with Kafka's
// percentiles, taken from a sample of at most 500,000 latencies (every n-th record, as
// Kafka samples). Times are milliseconds given by the caller, so the arithmetic is testable
// without a clock. MB is 2^20 bytes, as Kafka prints it.
class producer_perf_stats {
 public:
  producer_perf_stats(int64_t expected_records, int64_t start_ms, std::ostream& out, int64_t window_ms = 5000);

  // The `iteration`-th acknowledged record (0-based) finished at `now_ms`, `latency_ms` after
  // it was sent, carrying `bytes` of payload.
  void record(int64_t iteration, int latency_ms, int64_t bytes, int64_t now_ms);
  // The summary line, for the run as a whole up to `now_ms`.
  void print_total(int64_t now_ms) const;

  int64_t count() const { return count_; }

 private:
  void print_window(int64_t now_ms);
  void new_window(int64_t now_ms);

  std::ostream& out_;
  int64_t start_ms_;
  int64_t window_ms_;
  int64_t sampling_;
  std::vector<int> samples_;
  int64_t count_ = 0;
  int64_t bytes_ = 0;
  int64_t total_latency_ = 0;
  int max_latency_ = 0;
  int64_t window_start_ms_;
  int64_t window_count_ = 0;
  int64_t window_bytes_ = 0;
  int64_t window_total_latency_ = 0;
  int window_max_latency_ = 0;
};

}  // namespace kb::tools
