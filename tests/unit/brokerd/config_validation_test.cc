// Every invalid value stops the broker with a config_error that names the key (and the bad value
// and where it came from), in Kafka's wording where Kafka has one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "brokerd/config/config_error.h"
#include "tests/unit/brokerd/config_test_helpers.h"

namespace kb::brokerd {
namespace {

// The error message parsing `text` (after the required keys) produces; "" if none.
std::string error_of(std::string_view text) {
  try {
    test::parse_with_required(text);
  } catch (const config_error& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(ConfigValidationTest, KafkaWordingForTypeErrors) {
  EXPECT_EQ(error_of("num.partitions=abc\n"),
            "Invalid value abc for configuration num.partitions: Not a number of type INT (server.properties:3)");
  EXPECT_EQ(error_of("log.retention.bytes=1GB\n"),
            "Invalid value 1GB for configuration log.retention.bytes: Not a number of type LONG (server.properties:3)");
  EXPECT_EQ(error_of("offsets.topic.replication.factor=70000\n"),
            "Invalid value 70000 for configuration offsets.topic.replication.factor: Not a number of type SHORT "
            "(server.properties:3)");
  EXPECT_EQ(error_of("delete.topic.enable=yes\n"),
            "Invalid value yes for configuration delete.topic.enable: Expected value to be either true or false "
            "(server.properties:3)");
}

TEST(ConfigValidationTest, KafkaWordingForRangeErrors) {
  EXPECT_EQ(error_of("log.segment.bytes=-5\n"),
            "Invalid value -5 for configuration log.segment.bytes: Value must be at least 14 (server.properties:3)");
  EXPECT_EQ(error_of("num.partitions=0\n"),
            "Invalid value 0 for configuration num.partitions: Value must be at least 1 (server.properties:3)");
}

struct bad_value {
  const char* text;  // appended to the required keys
  const char* key;   // must be named in the message
  const char* also;  // another fragment the message must contain
};

class ConfigBadValueTest : public ::testing::TestWithParam<bad_value> {};

TEST_P(ConfigBadValueTest, MessageNamesTheKey) {
  const bad_value& c = GetParam();
  std::string message = error_of(c.text);
  ASSERT_FALSE(message.empty()) << "no error for: " << c.text;
  EXPECT_TRUE(contains(message, std::string("configuration ") + c.key) || contains(message, c.key)) << message;
  EXPECT_TRUE(contains(message, c.also)) << message;
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheckedKey, ConfigBadValueTest,
    ::testing::Values(
        // Numbers out of range (Kafka's validators, plus ours where a bad value would break us).
        bad_value{"socket.request.max.bytes=0\n", "socket.request.max.bytes", "at least 1"},
        bad_value{"prometheus.metrics.port=-1\n", "prometheus.metrics.port", "at least 0"},
        bad_value{"prometheus.metrics.port=65536\n", "prometheus.metrics.port", "no more than 65535"},
        bad_value{"socket.send.buffer.bytes=-2\n", "socket.send.buffer.bytes", "at least -1"},
        bad_value{"socket.receive.buffer.bytes=-2\n", "socket.receive.buffer.bytes", "at least -1"},
        bad_value{"zookeeper.session.timeout.ms=0\n", "zookeeper.session.timeout.ms", "at least 1"},
        bad_value{"zookeeper.connection.timeout.ms=-1\n", "zookeeper.connection.timeout.ms", "at least 1"},
        bad_value{"default.replication.factor=0\n", "default.replication.factor", "at least 1"},
        bad_value{"min.insync.replicas=0\n", "min.insync.replicas", "at least 1"},
        bad_value{"message.max.bytes=-1\n", "message.max.bytes", "at least 0"},
        bad_value{"replica.lag.time.max.ms=0\n", "replica.lag.time.max.ms", "at least 1"},
        bad_value{"replica.fetch.max.bytes=-1\n", "replica.fetch.max.bytes", "at least 0"},
        bad_value{"replica.fetch.response.max.bytes=-1\n", "replica.fetch.response.max.bytes", "at least 0"},
        bad_value{"replica.fetch.backoff.ms=-1\n", "replica.fetch.backoff.ms", "at least 0"},
        bad_value{"num.replica.fetchers=0\n", "num.replica.fetchers", "at least 1"},
        bad_value{"replica.high.watermark.checkpoint.interval.ms=0\n", "replica.high.watermark.checkpoint.interval.ms",
                  "at least 1"},
        bad_value{"leader.imbalance.check.interval.seconds=0\n", "leader.imbalance.check.interval.seconds", "at least 1"},
        bad_value{"controlled.shutdown.max.retries=-1\n", "controlled.shutdown.max.retries", "at least 0"},
        bad_value{"log.roll.hours=0\n", "log.roll.hours", "at least 1"},
        bad_value{"log.roll.ms=0\n", "log.roll.ms", "at least 1"},
        bad_value{"log.roll.jitter.ms=-1\n", "log.roll.jitter.ms", "at least 0"},
        bad_value{"log.index.size.max.bytes=3\n", "log.index.size.max.bytes", "at least 4"},
        bad_value{"log.index.interval.bytes=-1\n", "log.index.interval.bytes", "at least 0"},
        bad_value{"log.retention.check.interval.ms=0\n", "log.retention.check.interval.ms", "at least 1"},
        bad_value{"log.flush.interval.messages=0\n", "log.flush.interval.messages", "at least 1"},
        bad_value{"log.flush.scheduler.interval.ms=0\n", "log.flush.scheduler.interval.ms", "at least 1"},
        bad_value{"log.flush.offset.checkpoint.interval.ms=-1\n", "log.flush.offset.checkpoint.interval.ms",
                  "at least 0"},
        bad_value{"transaction.state.log.min.isr=0\n", "transaction.state.log.min.isr", "at least 1"},
        bad_value{"group.initial.rebalance.delay.ms=-1\n", "group.initial.rebalance.delay.ms", "at least 0"},
        bad_value{"offsets.topic.compression.codec=5\n", "offsets.topic.compression.codec", "Unknown compression"},
        // Types.
        bad_value{"replica.lag.time.max.ms=10s\n", "replica.lag.time.max.ms", "Not a number of type LONG"},
        bad_value{"controlled.shutdown.enable=1\n", "controlled.shutdown.enable", "true or false"},
        bad_value{"broker.id=one\n", "broker.id", "Not a number of type INT"},
        // Lists and cross-key rules.
        bad_value{"log.cleanup.policy=delete,archive\n", "log.cleanup.policy", "String must be one of: compact, delete"},
        bad_value{"log.dirs= , \n", "log.dirs", "At least one log directory"},
        bad_value{"log.dirs=/a,/b,/a/\n", "log.dirs", "Duplicate log directory"},
        bad_value{"replica.fetch.wait.max.ms=40000\n", "replica.socket.timeout.ms", "at least replica.fetch.wait.max.ms"},
        bad_value{"replica.fetch.wait.max.ms=20000\nreplica.lag.time.max.ms=10000\n", "replica.fetch.wait.max.ms",
                  "less than or equal to replica.lag.time.max.ms"},
        // Listeners.
        bad_value{"listeners=PLAINTEXT://:99999\n", "listeners", "99999"},
        bad_value{"listeners=PLAINTEXT://:port\n", "listeners", "port"},
        bad_value{"listeners=PLAINTEXT://localhost\n", "listeners", "Unable to parse PLAINTEXT://localhost"},
        bad_value{"listeners=localhost:9092\n", "listeners", "Unable to parse"},
        bad_value{"listeners=://:9092\n", "listeners", "name"},
        bad_value{"listeners=\n", "listeners", "At least one listener"},
        bad_value{"listeners=PLAINTEXT://:9092,PLAINTEXT://:9093\n", "listeners", "different name"},
        bad_value{"listeners=plaintext://:9092,PLAINTEXT://:9093\n", "listeners", "different name"},
        bad_value{"listeners=A://:9092,B://:9092\nlistener.security.protocol.map=A:PLAINTEXT,B:PLAINTEXT\n", "listeners",
                  "different port"},
        bad_value{"listeners=SSL://:9093\n", "listeners", "supports only PLAINTEXT"},
        bad_value{"listeners=SASL_PLAINTEXT://:9093\n", "listeners", "SASL_PLAINTEXT"},
        bad_value{"listeners=INTERNAL://:9093\n", "listeners", "No security protocol defined for listener INTERNAL"},
        bad_value{"listener.security.protocol.map=PLAINTEXT:TLS\n", "listener.security.protocol.map",
                  "Invalid security protocol `TLS`"},
        bad_value{"listener.security.protocol.map=PLAINTEXT\n", "listener.security.protocol.map", "NAME:"},
        bad_value{"advertised.listeners=PLAINTEXT://0.0.0.0:9092\n", "advertised.listeners", "0.0.0.0"},
        bad_value{"listeners=PLAINTEXT://0.0.0.0:9092\n", "listeners", "nonroutable meta-address 0.0.0.0"},
        bad_value{"advertised.listeners=OTHER://h:9092\nlistener.security.protocol.map=OTHER:PLAINTEXT,PLAINTEXT:PLAINTEXT\n",
                  "advertised.listeners", "subset of the ones defined in listeners"},
        bad_value{"advertised.listeners=PLAINTEXT://h:0\n", "advertised.listeners", "port 0"},
        bad_value{"security.inter.broker.protocol=SSL\n", "security.inter.broker.protocol", "only PLAINTEXT"},
        bad_value{"security.inter.broker.protocol=FOO\n", "security.inter.broker.protocol", "Invalid security protocol"},
        bad_value{"inter.broker.listener.name=NOPE\n", "inter.broker.listener.name", "not found in"},
        bad_value{"inter.broker.listener.name=PLAINTEXT\nsecurity.inter.broker.protocol=PLAINTEXT\n",
                  "inter.broker.listener.name", "Only one of"},
        bad_value{"listeners=INTERNAL://:9092\nlistener.security.protocol.map=INTERNAL:PLAINTEXT\n",
                  "security.inter.broker.protocol", "must be a listener name defined in advertised.listeners"},
        // ZooKeeper.
        bad_value{"zookeeper.connect=localhost\n", "zookeeper.connect", "has no port"},
        bad_value{"zookeeper.connect=localhost:abc\n", "zookeeper.connect", "abc"},
        bad_value{"zookeeper.connect=localhost:0\n", "zookeeper.connect", "1-65535"},
        bad_value{"zookeeper.connect=a:1,,b:2\n", "zookeeper.connect", "empty"},
        bad_value{"zookeeper.connect=:2181\n", "zookeeper.connect", "no host"},
        bad_value{"zookeeper.connect=\n", "zookeeper.connect", "empty"},
        bad_value{"zookeeper.connect=zk:2181/kafka/\n", "zookeeper.connect", "must not end with '/'"},
        bad_value{"zookeeper.connect=zk:2181/a//b\n", "zookeeper.connect", "empty node name"},
        bad_value{"zookeeper.connect=zk:2181/a/../b\n", "zookeeper.connect", "relative"}));

TEST(ConfigValidationTest, MissingBrokerIdIsAClearError) {
  try {
    test::parse_text("zookeeper.connect=zk:2181\n");
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    std::string m = e.what();
    EXPECT_TRUE(contains(m, "Missing required configuration `broker.id`")) << m;
    EXPECT_TRUE(contains(m, "does not generate broker ids")) << m;
  }
}

TEST(ConfigValidationTest, NegativeBrokerIdIsRejected) {
  std::string m = error_of("broker.id=-1\n");
  EXPECT_TRUE(contains(m, "Invalid value -1 for configuration broker.id")) << m;
  EXPECT_TRUE(contains(m, ">= 0")) << m;
}

TEST(ConfigValidationTest, MissingZookeeperConnectIsKafkasError) {
  try {
    test::parse_text("broker.id=0\n");
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    EXPECT_TRUE(contains(e.what(), "Missing required configuration `zookeeper.connect` which has no default value."))
        << e.what();
  }
}

TEST(ConfigValidationTest, ErrorCarriesTheOriginLine) {
  std::string m;
  try {
    test::parse_text("broker.id=0\n# comment\nzookeeper.connect=zk:2181\n\nlog.segment.bytes=10\n");
  } catch (const config_error& e) {
    m = e.what();
  }
  EXPECT_TRUE(contains(m, "(server.properties:5)")) << m;
}

TEST(ConfigValidationTest, ErrorShowsTheValueAsGiven) {
  // Type errors quote the raw text; range errors the parsed number, as Kafka does.
  EXPECT_TRUE(contains(error_of("num.partitions=  1x \n"), "Invalid value 1x for configuration num.partitions"));
  EXPECT_TRUE(contains(error_of("num.partitions=+0\n"), "Invalid value 0 for configuration num.partitions"));
}

}  // namespace
}  // namespace kb::brokerd
