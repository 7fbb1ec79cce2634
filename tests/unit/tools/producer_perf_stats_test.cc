// kafka-producer-perf-test's lines, from records with given latencies and times.
#include "brokerd/tools/producer_perf_stats.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kb::tools {
namespace {

TEST(ProducerPerfStatsTest, TheSummaryHasKafkasFieldsAndPercentiles) {
  std::ostringstream out;
  producer_perf_stats stats(100, 0, out);
  for (int i = 0; i < 100; ++i) stats.record(i, i + 1, 1024, 10 * i);  // latencies 1..100 ms
  stats.print_total(2000);
  EXPECT_EQ(out.str(),
            "100 records sent, 50.000000 records/sec (0.05 MB/sec), 50.50 ms avg latency, 100.00 ms max latency, "
            "51 ms 50th, 96 ms 95th, 100 ms 99th, 100 ms 99.9th.\n");
}

TEST(ProducerPerfStatsTest, AWindowLineComesOnceTheWindowIsFiveSecondsOld) {
  std::ostringstream out;
  producer_perf_stats stats(10, 0, out);
  stats.record(0, 4, 100, 1000);
  stats.record(1, 8, 100, 4999);
  EXPECT_EQ(out.str(), "") << "the window is not 5 s old yet";
  stats.record(2, 6, 100, 5000);
  EXPECT_EQ(out.str(), "3 records sent, 0.6 records/sec (0.00 MB/sec), 6.0 ms avg latency, 8.0 ms max latency.\n");
  stats.record(3, 2, 100, 9999);
  stats.record(4, 2, 100, 10000);
  EXPECT_EQ(out.str().substr(out.str().find('\n') + 1),
            "2 records sent, 0.4 records/sec (0.00 MB/sec), 2.0 ms avg latency, 2.0 ms max latency.\n")
      << "the second window starts where the first ended";
}

TEST(ProducerPerfStatsTest, LatenciesAreSampledBeyondHalfAMillionRecords) {
  std::ostringstream out;
  producer_perf_stats stats(1'000'000, 0, out);
  // Every second record is sampled: the odd ones (latency 1000) never reach the percentiles.
  for (int i = 0; i < 1000; ++i) stats.record(i, i % 2 ? 1000 : 1, 1, 0);
  stats.print_total(1000);
  EXPECT_NE(out.str().find("1 ms 50th, 1 ms 95th, 1 ms 99th, 1 ms 99.9th."), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("1000.00 ms max latency"), std::string::npos) << "the maximum counts every record";
}

TEST(ProducerPerfStatsTest, NoRecordsPrintsZeros) {
  std::ostringstream out;
  producer_perf_stats stats(0, 0, out);
  stats.print_total(0);
  EXPECT_EQ(out.str(),
            "0 records sent, 0.000000 records/sec (0.00 MB/sec), 0.00 ms avg latency, 0.00 ms max latency, "
            "0 ms 50th, 0 ms 95th, 0 ms 99th, 0 ms 99.9th.\n");
}

}  // namespace
}  // namespace kb::tools
