#pragma once

#include <array>
#include <cstdint>

#include "zkmeta/runtime/clock.h"

namespace kb::metrics {

// Request latencies for percentiles (Kafka's request-time histograms). Values are bucketed
// log-linearly: 8 buckets per power of two of microseconds, so a percentile is within 1/16
// of the true value (bucket midpoints). Recording is two integer operations and a branch.
//
// Kafka's histograms favour the last five minutes (an exponentially decaying reservoir);
// this one answers from the last one to two windows: samples go into the current window,
// which becomes the previous one after `window`, and percentiles read both. count() is
// every sample since construction, as Kafka's Count attribute.
class latency_histogram {
 public:
  static constexpr int sub_buckets = 8;
  static constexpr int max_exponent = 40;  // ~12.7 days in microseconds; larger values are clamped
  static constexpr int bucket_count = sub_buckets + (max_exponent - 2) * sub_buckets;

  explicit latency_histogram(const kb::clock& clock, kb::clock::duration window = std::chrono::seconds(30));

  void record(kb::clock::duration took);
  // The q-quantile (0 < q <= 1) of the recent samples in milliseconds; 0 when there are none.
  double quantile_ms(double q) const;
  uint64_t count() const { return count_; }

  // The bucket of `micros` and the smallest value in a bucket (exposed for tests).
  static int bucket_of(uint64_t micros);
  static uint64_t bucket_floor(int bucket);

 private:
  using buckets = std::array<uint32_t, bucket_count>;
  void rotate_if_due(kb::clock::time_point now) const;

  const kb::clock& clock_;
  kb::clock::duration window_;
  // Mutable: reading rotates stale windows away (a quiet histogram forgets old samples).
  mutable buckets current_{};
  mutable buckets previous_{};
  mutable kb::clock::time_point window_start_;
  uint64_t count_ = 0;
};

}  // namespace kb::metrics
