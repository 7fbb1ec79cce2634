#include "brokerd/tools/producer_perf_stats.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace kb::tools {
namespace {

constexpr double mib = 1024.0 * 1024.0;

std::string format(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace

producer_perf_stats::producer_perf_stats(int64_t expected_records, int64_t start_ms, std::ostream& out,
                                         int64_t window_ms)
    : out_(out),
      start_ms_(start_ms),
      window_ms_(window_ms),
      sampling_(std::max<int64_t>(1, expected_records / std::min<int64_t>(std::max<int64_t>(expected_records, 1), 500000))),
      window_start_ms_(start_ms) {
  samples_.reserve(static_cast<size_t>(std::min<int64_t>(std::max<int64_t>(expected_records, 0), 500000)));
}

void producer_perf_stats::record(int64_t iteration, int latency_ms, int64_t bytes, int64_t now_ms) {
  ++count_;
  bytes_ += bytes;
  total_latency_ += latency_ms;
  max_latency_ = std::max(max_latency_, latency_ms);
  ++window_count_;
  window_bytes_ += bytes;
  window_total_latency_ += latency_ms;
  window_max_latency_ = std::max(window_max_latency_, latency_ms);
  if (iteration % sampling_ == 0) samples_.push_back(latency_ms);
  if (now_ms - window_start_ms_ >= window_ms_) {
    print_window(now_ms);
    new_window(now_ms);
  }
}

void producer_perf_stats::print_window(int64_t now_ms) {
  const double elapsed = static_cast<double>(now_ms - window_start_ms_);
  const double rate = 1000.0 * static_cast<double>(window_count_) / elapsed;
  const double mb = 1000.0 * static_cast<double>(window_bytes_) / elapsed / mib;
  out_ << format("%lld records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max latency.\n",
                 static_cast<long long>(window_count_), rate, mb,
                 static_cast<double>(window_total_latency_) / static_cast<double>(window_count_),
                 static_cast<double>(window_max_latency_))
       << std::flush;
}

void producer_perf_stats::new_window(int64_t now_ms) {
  window_start_ms_ = now_ms;
  window_count_ = 0;
  window_bytes_ = 0;
  window_total_latency_ = 0;
  window_max_latency_ = 0;
}

void producer_perf_stats::print_total(int64_t now_ms) const {
  const double elapsed = static_cast<double>(std::max<int64_t>(now_ms - start_ms_, 1));
  const double rate = 1000.0 * static_cast<double>(count_) / elapsed;
  const double mb = 1000.0 * static_cast<double>(bytes_) / elapsed / mib;
  std::vector<int> sorted = samples_;
  std::sort(sorted.begin(), sorted.end());
  auto percentile = [&](double p) {
    if (sorted.empty()) return 0;
    return sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())))];
  };
  out_ << format("%lld records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, "
                 "%d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.\n",
                 static_cast<long long>(count_), rate, mb,
                 count_ ? static_cast<double>(total_latency_) / static_cast<double>(count_) : 0.0,
                 static_cast<double>(max_latency_), percentile(0.5), percentile(0.95), percentile(0.99),
                 percentile(0.999))
       << std::flush;
}

}  // namespace kb::tools
