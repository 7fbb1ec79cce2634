// What the request path counts, as a scrape shows it.
#include "brokerd/metrics/broker_metrics.h"

#include <gtest/gtest.h>

#include "tests/support/manual_clock.h"

namespace kb::metrics {
namespace {

std::string scrape(const broker_metrics& m) {
  prometheus_writer w;
  m.collect(w);
  return w.text();
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(BrokerMetricsTest, ProducedRecordsCountPerTopicAndInTotal) {
  kb::test::manual_clock clock;
  broker_metrics m(clock);
  m.on_produced("a", 10, 1000);
  m.on_produced("b", 1, 70);
  m.on_produced("a", 5, 500);
  const std::string text = scrape(m);
  EXPECT_TRUE(has_line(text, "kafka_server_brokertopicmetrics_messagesin_total 16")) << text;
  EXPECT_TRUE(has_line(text, "kafka_server_brokertopicmetrics_messagesin_total{topic=\"a\"} 15")) << text;
  EXPECT_TRUE(has_line(text, "kafka_server_brokertopicmetrics_bytesin_total{topic=\"b\"} 70")) << text;
  EXPECT_TRUE(has_line(text, "kafka_server_brokertopicmetrics_bytesin_total 1570")) << text;
}

TEST(BrokerMetricsTest, FollowerFetchesAreReplicationBytesNotBytesOut) {
  kb::test::manual_clock clock;
  broker_metrics m(clock);
  m.on_fetched("a", 300, false);
  m.on_fetched("a", 200, true);
  const std::string text = scrape(m);
  EXPECT_TRUE(has_line(text, "kafka_server_brokertopicmetrics_bytesout_total{topic=\"a\"} 300")) << text;
  EXPECT_TRUE(has_line(text, "kafka_server_brokertopicmetrics_replicationbytesout_total{topic=\"a\"} 200")) << text;
}

TEST(BrokerMetricsTest, RequestsCountAndTimePerApi) {
  kb::test::manual_clock clock;
  broker_metrics m(clock);
  m.on_request("Produce", std::chrono::milliseconds(2));
  m.on_request("Produce", std::chrono::milliseconds(2));
  m.on_request("Metadata", std::chrono::microseconds(4));
  const std::string text = scrape(m);
  EXPECT_TRUE(has_line(text, "kafka_network_requestmetrics_requests_total{request=\"Produce\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "kafka_network_requestmetrics_requests_total{request=\"Metadata\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "kafka_network_requestmetrics_totaltimems{request=\"Metadata\",quantile=\"0.99\"} 0.004"))
      << text;
}

TEST(BrokerMetricsTest, ParkedRequestsAreCountedWhileTheirGuardLives) {
  kb::test::manual_clock clock;
  broker_metrics m(clock);
  {
    auto a = m.park_produce();
    auto b = m.park_produce();
    auto c = m.park_fetch();
    const std::string text = scrape(m);
    EXPECT_TRUE(has_line(text, "kafka_server_delayedoperationpurgatory_purgatorysize{delayedOperation=\"Produce\"} 2"))
        << text;
    EXPECT_TRUE(has_line(text, "kafka_server_delayedoperationpurgatory_purgatorysize{delayedOperation=\"Fetch\"} 1"))
        << text;
  }
  EXPECT_TRUE(has_line(scrape(m), "kafka_server_delayedoperationpurgatory_purgatorysize{delayedOperation=\"Produce\"} 0"));
}

}  // namespace
}  // namespace kb::metrics
