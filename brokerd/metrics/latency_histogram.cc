#include "brokerd/metrics/latency_histogram.h"

#include <bit>
#include <cmath>

namespace kb::metrics {

latency_histogram::latency_histogram(const kb::clock& clock, kb::clock::duration window)
    : clock_(clock), window_(window), window_start_(clock.now()) {}

int latency_histogram::bucket_of(uint64_t micros) {
  if (micros < sub_buckets) return static_cast<int>(micros);
  int exponent = std::bit_width(micros) - 1;  // >= 3
  if (exponent > max_exponent) return bucket_count - 1;
  int sub = static_cast<int>((micros >> (exponent - 3)) & (sub_buckets - 1));
  return sub_buckets + (exponent - 3) * sub_buckets + sub;
}

uint64_t latency_histogram::bucket_floor(int bucket) {
  if (bucket < sub_buckets) return static_cast<uint64_t>(bucket);
  int exponent = (bucket - sub_buckets) / sub_buckets + 3;
  uint64_t sub = static_cast<uint64_t>((bucket - sub_buckets) % sub_buckets);
  return (sub_buckets + sub) << (exponent - 3);
}

void latency_histogram::rotate_if_due(kb::clock::time_point now) const {
  if (now - window_start_ < window_) return;
  if (now - window_start_ < 2 * window_) {
    previous_ = current_;
  } else {
    previous_.fill(0);  // quiet for two windows: nothing recent
  }
  current_.fill(0);
  window_start_ = now;
}

void latency_histogram::record(kb::clock::duration took) {
  rotate_if_due(clock_.now());
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
  ++current_[bucket_of(micros < 0 ? 0 : static_cast<uint64_t>(micros))];
  ++count_;
}

double latency_histogram::quantile_ms(double q) const {
  rotate_if_due(clock_.now());
  uint64_t total = 0;
  for (int b = 0; b < bucket_count; ++b) total += uint64_t{current_[b]} + previous_[b];
  if (total == 0) return 0;
  const auto rank = static_cast<uint64_t>(std::ceil(q * static_cast<double>(total)));
  uint64_t seen = 0;
  for (int b = 0; b < bucket_count; ++b) {
    seen += uint64_t{current_[b]} + previous_[b];
    if (seen >= rank && seen > 0) {
      // The bucket's midpoint; the first eight buckets hold exact microseconds.
      double lo = static_cast<double>(bucket_floor(b));
      double hi = b + 1 < bucket_count ? static_cast<double>(bucket_floor(b + 1)) : lo;
      return (b < sub_buckets ? lo : (lo + hi) / 2) / 1000.0;
    }
  }
  return static_cast<double>(bucket_floor(bucket_count - 1)) / 1000.0;
}

}  // namespace kb::metrics
