// Request-time percentiles: bucketing error, windows, and the all-time count.
#include "brokerd/metrics/latency_histogram.h"

#include <gtest/gtest.h>

#include "tests/support/manual_clock.h"

namespace kb::metrics {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(LatencyHistogramTest, BucketsCoverEveryValueInOrder) {
  for (uint64_t v = 0; v < 100000; ++v) {
    const int b = latency_histogram::bucket_of(v);
    ASSERT_LE(latency_histogram::bucket_floor(b), v) << v;
    if (b + 1 < latency_histogram::bucket_count) {
      ASSERT_GT(latency_histogram::bucket_floor(b + 1), v) << v;
    }
  }
}

TEST(LatencyHistogramTest, HugeValuesGoToTheLastBucket) {
  EXPECT_EQ(latency_histogram::bucket_of(UINT64_MAX), latency_histogram::bucket_count - 1);
}

TEST(LatencyHistogramTest, APercentileIsWithinASixteenthOfTheTruth) {
  kb::test::manual_clock clock;
  latency_histogram h(clock);
  for (int us = 1; us <= 100000; ++us) h.record(microseconds(us));
  for (double q : {0.5, 0.75, 0.95, 0.99, 0.999}) {
    const double truth_ms = q * 100;
    EXPECT_NEAR(h.quantile_ms(q), truth_ms, truth_ms / 16) << q;
  }
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  kb::test::manual_clock clock;
  latency_histogram h(clock);
  h.record(microseconds(3));
  EXPECT_DOUBLE_EQ(h.quantile_ms(0.5), 0.003);
}

TEST(LatencyHistogramTest, NoSamplesReadsZero) {
  kb::test::manual_clock clock;
  latency_histogram h(clock);
  EXPECT_EQ(h.quantile_ms(0.99), 0);
  EXPECT_EQ(h.count(), 0u);
}

TEST(LatencyHistogramTest, ThePreviousWindowStillCounts) {
  kb::test::manual_clock clock;
  latency_histogram h(clock, seconds(30));
  h.record(milliseconds(100));
  clock.advance(seconds(31));
  h.record(milliseconds(1));
  EXPECT_GT(h.quantile_ms(1.0), 90) << "the 100 ms sample is one window old";
}

TEST(LatencyHistogramTest, SamplesOlderThanTwoWindowsAreForgotten) {
  kb::test::manual_clock clock;
  latency_histogram h(clock, seconds(30));
  h.record(milliseconds(100));
  clock.advance(seconds(31));
  h.record(milliseconds(1));
  clock.advance(seconds(31));
  EXPECT_LT(h.quantile_ms(1.0), 2) << "the 100 ms sample is gone, the 1 ms one is a window old";
  clock.advance(seconds(61));
  EXPECT_EQ(h.quantile_ms(1.0), 0);
  EXPECT_EQ(h.count(), 2u) << "the count is every sample ever";
}

TEST(LatencyHistogramTest, NegativeDurationsCountAsZero) {
  kb::test::manual_clock clock;
  latency_histogram h(clock);
  h.record(microseconds(-5));
  EXPECT_EQ(h.quantile_ms(1.0), 0);
  EXPECT_EQ(h.count(), 1u);
}

}  // namespace
}  // namespace kb::metrics
