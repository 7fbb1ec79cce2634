// The Prometheus text format as Prometheus parses it.
#include "brokerd/metrics/prometheus_writer.h"

#include <gtest/gtest.h>

#include "tests/support/manual_clock.h"

namespace kb::metrics {
namespace {

TEST(PrometheusWriterTest, FamiliesAreSortedWithHelpAndTypeOnce) {
  prometheus_writer w;
  w.gauge("b_gauge", "B things", 2);
  w.counter("a_total", "A things", 1, {{"topic", "x"}});
  w.counter("a_total", "A things", 5, {{"topic", "y"}});
  EXPECT_EQ(w.text(),
            "# HELP a_total A things\n"
            "# TYPE a_total counter\n"
            "a_total{topic=\"x\"} 1\n"
            "a_total{topic=\"y\"} 5\n"
            "# HELP b_gauge B things\n"
            "# TYPE b_gauge gauge\n"
            "b_gauge 2\n");
}

TEST(PrometheusWriterTest, LabelValuesAreEscaped) {
  prometheus_writer w;
  w.gauge("g", "help with \\ and\nnewline", 1, {{"l", "a\"b\\c\nd"}});
  EXPECT_EQ(w.text(),
            "# HELP g help with \\\\ and\\nnewline\n"
            "# TYPE g gauge\n"
            "g{l=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(PrometheusWriterTest, NumbersReadBackExactly) {
  prometheus_writer w;
  w.gauge("g", "h", 0.042);
  w.gauge("g", "h", 1e21, {{"k", "big"}});
  w.gauge("g", "h", 18446744073709551615.0, {{"k", "u64"}});
  const std::string text = w.text();
  EXPECT_NE(text.find("g 0.042\n"), std::string::npos) << text;
  EXPECT_NE(text.find("g{k=\"big\"} 1e+21\n"), std::string::npos) << text;
  EXPECT_NE(text.find("g{k=\"u64\"} 18446744073709551616\n"), std::string::npos) << text;
}

TEST(PrometheusWriterTest, PercentilesAreKafkasSixWithACount) {
  kb::test::manual_clock clock;
  latency_histogram h(clock);
  h.record(std::chrono::microseconds(5));
  prometheus_writer w;
  w.percentiles("t_ms", "times", h, {{"request", "Produce"}});
  EXPECT_EQ(w.text(),
            "# HELP t_ms times\n"
            "# TYPE t_ms gauge\n"
            "t_ms{request=\"Produce\",quantile=\"0.50\"} 0.005\n"
            "t_ms{request=\"Produce\",quantile=\"0.75\"} 0.005\n"
            "t_ms{request=\"Produce\",quantile=\"0.95\"} 0.005\n"
            "t_ms{request=\"Produce\",quantile=\"0.98\"} 0.005\n"
            "t_ms{request=\"Produce\",quantile=\"0.99\"} 0.005\n"
            "t_ms{request=\"Produce\",quantile=\"0.999\"} 0.005\n"
            "# HELP t_ms_count times\n"
            "# TYPE t_ms_count counter\n"
            "t_ms_count{request=\"Produce\"} 1\n");
}

TEST(PrometheusWriterTest, NothingWrittenIsAnEmptyScrape) {
  EXPECT_EQ(prometheus_writer().text(), "");
}

}  // namespace
}  // namespace kb::metrics
