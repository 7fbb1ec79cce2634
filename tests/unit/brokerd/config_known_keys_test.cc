// The key catalogue: broker_options() (keys we act on) and inactive_keys() (Kafka keys accepted
// without effect) are disjoint, and their defaults describe broker_config.
#include "brokerd/config/broker_options.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

#include "brokerd/config/inactive_keys.h"

namespace kb::brokerd {
namespace {

std::set<std::string> defined_keys() {
  const auto desc = broker_options();
  std::set<std::string> keys;
  for (const auto& option : desc.options()) keys.insert(option->long_name());
  return keys;
}

TEST(ConfigKnownKeysTest, InactiveKeysAreSortedAndUnique) {
  auto keys = inactive_keys();
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
  EXPECT_GT(keys.size(), 200u);
}

TEST(ConfigKnownKeysTest, ActiveAndInactiveKeysAreDisjoint) {
  for (const std::string& key : defined_keys()) EXPECT_FALSE(is_inactive_key(key)) << key;
}

TEST(ConfigKnownKeysTest, KeysKeptForLaterAreDefined) {
  std::set<std::string> keys = defined_keys();
  for (std::string_view key : keys_not_yet_in_effect()) EXPECT_TRUE(keys.count(std::string(key))) << key;
}

TEST(ConfigKnownKeysTest, EveryKeyTheBriefListsIsDefined) {
  std::set<std::string> keys = defined_keys();
  for (const char* key :
       {"broker.id", "listeners", "advertised.listeners", "listener.security.protocol.map", "log.dirs", "log.dir",
        "zookeeper.connect", "zookeeper.session.timeout.ms", "zookeeper.connection.timeout.ms", "num.partitions",
        "default.replication.factor", "min.insync.replicas", "auto.create.topics.enable", "delete.topic.enable",
        "message.max.bytes", "socket.request.max.bytes", "socket.send.buffer.bytes", "socket.receive.buffer.bytes",
        "replica.lag.time.max.ms", "replica.fetch.wait.max.ms", "replica.fetch.min.bytes", "replica.fetch.max.bytes",
        "replica.fetch.response.max.bytes", "replica.fetch.backoff.ms", "num.replica.fetchers",
        "replica.high.watermark.checkpoint.interval.ms", "unclean.leader.election.enable",
        "auto.leader.rebalance.enable", "leader.imbalance.check.interval.seconds",
        "leader.imbalance.per.broker.percentage", "controlled.shutdown.enable", "controlled.shutdown.max.retries",
        "controlled.shutdown.retry.backoff.ms", "broker.rack", "log.segment.bytes", "log.roll.ms", "log.roll.hours",
        "log.roll.jitter.ms", "log.roll.jitter.hours", "log.index.interval.bytes", "log.index.size.max.bytes",
        "log.retention.ms", "log.retention.minutes", "log.retention.hours", "log.retention.bytes",
        "log.retention.check.interval.ms", "log.flush.interval.messages", "log.flush.interval.ms",
        "log.flush.scheduler.interval.ms", "log.cleanup.policy", "group.initial.rebalance.delay.ms"}) {
    EXPECT_TRUE(keys.count(key)) << key;
  }
}

TEST(ConfigKnownKeysTest, CommonKafkaKeysAreInactiveNotUnknown) {
  for (const char* key : {"num.network.threads", "num.io.threads", "num.recovery.threads.per.data.dir",
                          "background.threads", "request.timeout.ms", "log.message.format.version",
                          "inter.broker.protocol.version", "compression.type", "log.cleaner.enable",
                          "broker.id.generation.enable", "ssl.keystore.location", "sasl.enabled.mechanisms",
                          "authorizer.class.name", "zookeeper.set.acl", "transaction.max.timeout.ms",
                          "log.message.timestamp.type", "listener.name.internal.ssl.keystore.location"}) {
    EXPECT_TRUE(is_inactive_key(key)) << key;
  }
  EXPECT_FALSE(is_inactive_key("foo.bar"));
  EXPECT_FALSE(is_inactive_key("port"));  // removed in Kafka 3.0: unknown to Kafka 3.x too
  EXPECT_FALSE(is_inactive_key(""));
}

TEST(ConfigKnownKeysTest, KeysWithoutKafkaDefaultHaveNoDefaultHere) {
  auto desc = broker_options();
  for (const char* key : {"broker.rack", "advertised.listeners", "zookeeper.connect", "zookeeper.connection.timeout.ms",
                          "log.dirs", "log.roll.ms", "log.roll.jitter.ms", "log.retention.ms",
                          "log.retention.minutes", "log.flush.interval.ms", "inter.broker.listener.name"}) {
    boost::any ignored;
    const auto* option = desc.find_nothrow(key, false);
    ASSERT_NE(option, nullptr) << key;
    EXPECT_FALSE(option->semantic()->apply_default(ignored)) << key;
  }
}

TEST(ConfigKnownKeysTest, DescriptionPrintsDefaults) {
  std::ostringstream out;
  out << broker_options();
  std::string text = out.str();
  EXPECT_NE(text.find("--num.partitions"), std::string::npos);
  EXPECT_NE(text.find("(=PLAINTEXT://:9092)"), std::string::npos) << text;
  EXPECT_NE(text.find("(=1048588)"), std::string::npos);
}

}  // namespace
}  // namespace kb::brokerd
