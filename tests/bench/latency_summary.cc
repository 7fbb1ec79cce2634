#include "tests/bench/latency_summary.h"

#include <algorithm>

namespace kb::bench {
namespace {

double percentile_ms(const std::vector<int64_t>& sorted, double p) {
  const auto index = std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
  return static_cast<double>(sorted[index]) / 1000.0;
}

}  // namespace

latency_summary summarise_latencies(std::vector<int64_t>& latencies_us) {
  latency_summary s;
  if (latencies_us.empty()) return s;
  std::sort(latencies_us.begin(), latencies_us.end());
  double total_us = 0;
  for (int64_t v : latencies_us) total_us += static_cast<double>(v);
  s.avg_ms = total_us / static_cast<double>(latencies_us.size()) / 1000.0;
  s.max_ms = static_cast<double>(latencies_us.back()) / 1000.0;
  s.p50_ms = percentile_ms(latencies_us, 0.5);
  s.p95_ms = percentile_ms(latencies_us, 0.95);
  s.p99_ms = percentile_ms(latencies_us, 0.99);
  s.p999_ms = percentile_ms(latencies_us, 0.999);
  return s;
}

}  // namespace kb::bench
