// Apache Kafka's stock config/server.properties (ZooKeeper mode, 3.x) parses without error: its
// keys are either acted on or reported as accepted-without-effect, never unknown. Also our own
// sample config/server.properties.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "brokerd/config/config_parser.h"
#include "brokerd/config/properties_file.h"
#include "tests/unit/brokerd/config_test_helpers.h"

namespace kb::brokerd {
namespace {

// The key=value lines of Kafka 3.3 - 3.8's config/server.properties (the comments left out).
constexpr std::string_view kafka_3_x_stock = R"(broker.id=0
num.network.threads=3
num.io.threads=8
socket.send.buffer.bytes=102400
socket.receive.buffer.bytes=102400
socket.request.max.bytes=104857600
log.dirs=/tmp/kafka-logs
num.partitions=1
num.recovery.threads.per.data.dir=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
log.retention.hours=168
log.retention.check.interval.ms=300000
zookeeper.connect=localhost:2181
zookeeper.connection.timeout.ms=18000
group.initial.rebalance.delay.ms=0
)";

// Kafka 3.0 - 3.2's file also had log.segment.bytes uncommented.
constexpr std::string_view kafka_3_0_extra = "log.segment.bytes=1073741824\n";

// The examples the stock file carries as comments, uncommented.
constexpr std::string_view kafka_commented_examples = R"(listeners=PLAINTEXT://:9092
advertised.listeners=PLAINTEXT://your.host.name:9092
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL
log.flush.interval.messages=10000
log.flush.interval.ms=1000
log.retention.bytes=1073741824
log.segment.bytes=1073741824
)";

const std::vector<std::string> stock_inactive = {
    "num.network.threads",
    "num.io.threads",
    "num.recovery.threads.per.data.dir",
    "transaction.state.log.replication.factor",
    "transaction.state.log.min.isr",
};

TEST(ConfigStockPropertiesTest, KafkaStockFileParses) {
  auto r = test::parse_text(kafka_3_x_stock);
  const broker_config& c = r.config;
  EXPECT_EQ(c.broker_id, kb::broker_id{0});
  EXPECT_EQ(c.socket_send_buffer_bytes, 102400);
  EXPECT_EQ(c.socket_receive_buffer_bytes, 102400);
  EXPECT_EQ(c.socket_request_max_bytes, 104857600);
  ASSERT_EQ(c.log_dirs.size(), 1u);
  EXPECT_EQ(c.log_dirs[0], "/tmp/kafka-logs");
  EXPECT_EQ(c.num_partitions, 1);
  EXPECT_EQ(c.log_retention_ms, 168LL * 3600 * 1000);
  EXPECT_EQ(c.log_retention_check_interval_ms, 300000);
  EXPECT_EQ(c.zookeeper.to_string(), "localhost:2181");
  EXPECT_EQ(c.zookeeper_connection_timeout_ms, 18000);
  EXPECT_EQ(c.offsets_topic_replication_factor, 1);
  // Stored for later components even though they have no effect yet.
  EXPECT_EQ(c.transaction_state_log_replication_factor, 1);
  EXPECT_EQ(c.transaction_state_log_min_isr, 1);
  EXPECT_EQ(c.group_initial_rebalance_delay_ms, 0);
}

TEST(ConfigStockPropertiesTest, KafkaStockFileKeysAreKnown) {
  auto r = test::parse_text(kafka_3_x_stock);
  EXPECT_EQ(r.inactive_keys, stock_inactive);
  EXPECT_TRUE(r.unknown_keys.empty()) << r.unknown_keys.front();
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ConfigStockPropertiesTest, Kafka30To32StockFileParses) {
  auto r = test::parse_text(std::string(kafka_3_x_stock) + std::string(kafka_3_0_extra));
  EXPECT_EQ(r.config.log_segment_bytes, 1073741824);
  EXPECT_EQ(r.inactive_keys, stock_inactive);
  EXPECT_TRUE(r.unknown_keys.empty());
}

TEST(ConfigStockPropertiesTest, KafkaCommentedExamplesParse) {
  auto r = test::parse_text(std::string(kafka_3_x_stock) + std::string(kafka_commented_examples));
  const broker_config& c = r.config;
  EXPECT_EQ(c.listeners[0].to_string(), "PLAINTEXT://:9092");
  ASSERT_EQ(c.advertised_listeners.size(), 1u);
  EXPECT_EQ(c.advertised_listeners[0].to_string(), "PLAINTEXT://your.host.name:9092");
  EXPECT_EQ(c.log_flush_interval_messages, 10000);
  EXPECT_EQ(c.log_flush_interval_ms, 1000);
  EXPECT_EQ(c.log_retention_bytes, 1073741824);
  EXPECT_EQ(r.inactive_keys, stock_inactive);
  EXPECT_TRUE(r.unknown_keys.empty());
}

// Our sample, relative to this source file: tests/unit/brokerd/ -> repository root.
std::filesystem::path repo_file(const char* relative) {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / relative;
}

TEST(ConfigStockPropertiesTest, OurSampleServerPropertiesParses) {
  auto path = repo_file("config/server.properties");
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  auto r = parse_broker_config(read_properties_file(path), test::test_hostname);
  const broker_config& c = r.config;
  EXPECT_EQ(c.broker_id, kb::broker_id{0});
  ASSERT_EQ(c.listeners.size(), 1u);
  EXPECT_EQ(c.listeners[0].to_string(), "PLAINTEXT://127.0.0.1:9092");
  EXPECT_EQ(c.advertised_listeners[0].to_string(), "PLAINTEXT://127.0.0.1:9092");
  EXPECT_EQ(c.log_dirs, (std::vector<std::filesystem::path>{"/tmp/kafka-logs"}));
  EXPECT_EQ(c.zookeeper.to_string(), "127.0.0.1:2181");
  EXPECT_EQ(r.inactive_keys, stock_inactive);  // the same key set as Kafka's file
  EXPECT_TRUE(r.unknown_keys.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ConfigStockPropertiesTest, OurSampleZookeeperPropertiesHasTheUsualKeys) {
  auto entries = read_properties_file(repo_file("config/zookeeper.properties"));
  std::vector<std::string> lines;
  for (const property& p : entries) lines.push_back(p.key + "=" + p.value);
  EXPECT_EQ(lines, (std::vector<std::string>{"dataDir=/tmp/zookeeper", "clientPort=2181", "maxClientCnxns=0",
                                             "admin.enableServer=false"}));
}

}  // namespace
}  // namespace kb::brokerd
