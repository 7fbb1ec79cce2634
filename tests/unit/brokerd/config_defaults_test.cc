// broker_config's defaults are Apache Kafka 3.x's (KafkaConfig; shared/reference/zookeeper.md
// section 7), and parsing a config with only the required keys yields exactly those defaults.
#include "brokerd/config/broker_config.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "tests/unit/brokerd/config_test_helpers.h"

namespace kb::brokerd {
namespace {

constexpr int64_t long_max = std::numeric_limits<int64_t>::max();
constexpr int64_t hours_168 = 168LL * 3600 * 1000;

void expect_kafka_defaults(const broker_config& c) {
  EXPECT_FALSE(c.broker_rack.has_value());
  ASSERT_EQ(c.listeners.size(), 1u);
  EXPECT_EQ(c.listeners[0].name, "PLAINTEXT");
  EXPECT_EQ(c.listeners[0].host, "");
  EXPECT_EQ(c.listeners[0].port, 9092);
  EXPECT_EQ(c.listener_security_protocol_map.size(), 4u);
  EXPECT_EQ(c.listener_security_protocol_map.at("PLAINTEXT"), "PLAINTEXT");
  EXPECT_EQ(c.listener_security_protocol_map.at("SSL"), "SSL");
  EXPECT_EQ(c.listener_security_protocol_map.at("SASL_PLAINTEXT"), "SASL_PLAINTEXT");
  EXPECT_EQ(c.listener_security_protocol_map.at("SASL_SSL"), "SASL_SSL");
  EXPECT_EQ(c.inter_broker_listener_name, "PLAINTEXT");
  EXPECT_EQ(c.socket_send_buffer_bytes, 102400);
  EXPECT_EQ(c.socket_receive_buffer_bytes, 102400);
  EXPECT_EQ(c.socket_request_max_bytes, 104857600);
  EXPECT_EQ(c.prometheus_metrics_port, 0) << "no metrics endpoint unless asked for";
  EXPECT_EQ(c.zookeeper_session_timeout_ms, 18000);
  EXPECT_EQ(c.zookeeper_connection_timeout_ms, 18000);
  EXPECT_EQ(c.num_partitions, 1);
  EXPECT_EQ(c.default_replication_factor, 1);
  EXPECT_EQ(c.min_insync_replicas, 1);
  EXPECT_TRUE(c.auto_create_topics_enable);
  EXPECT_TRUE(c.delete_topic_enable);
  EXPECT_EQ(c.message_max_bytes, 1048588);
  EXPECT_EQ(c.replica_lag_time_max_ms, 30000);
  EXPECT_EQ(c.replica_socket_timeout_ms, 30000);
  EXPECT_EQ(c.controller_socket_timeout_ms, 30000);
  EXPECT_EQ(c.replica_fetch_wait_max_ms, 500);
  EXPECT_EQ(c.replica_fetch_min_bytes, 1);
  EXPECT_EQ(c.replica_fetch_max_bytes, 1048576);
  EXPECT_EQ(c.replica_fetch_response_max_bytes, 10485760);
  EXPECT_EQ(c.replica_fetch_backoff_ms, 1000);
  EXPECT_EQ(c.num_replica_fetchers, 1);
  EXPECT_EQ(c.replica_high_watermark_checkpoint_interval_ms, 5000);
  EXPECT_FALSE(c.unclean_leader_election_enable);
  EXPECT_TRUE(c.auto_leader_rebalance_enable);
  EXPECT_EQ(c.leader_imbalance_check_interval_seconds, 300);
  EXPECT_EQ(c.leader_imbalance_per_broker_percentage, 10);
  EXPECT_TRUE(c.controlled_shutdown_enable);
  EXPECT_EQ(c.controlled_shutdown_max_retries, 3);
  EXPECT_EQ(c.controlled_shutdown_retry_backoff_ms, 5000);
  ASSERT_EQ(c.log_dirs.size(), 1u);
  EXPECT_EQ(c.log_dirs[0], "/tmp/kafka-logs");
  EXPECT_EQ(c.log_segment_bytes, 1073741824);
  EXPECT_EQ(c.log_roll_ms, hours_168);
  EXPECT_EQ(c.log_roll_jitter_ms, 0);
  EXPECT_EQ(c.log_index_interval_bytes, 4096);
  EXPECT_EQ(c.log_index_size_max_bytes, 10485760);
  EXPECT_EQ(c.log_retention_ms, hours_168);
  EXPECT_EQ(c.log_retention_bytes, -1);
  EXPECT_EQ(c.log_retention_check_interval_ms, 300000);
  EXPECT_EQ(c.log_flush_interval_messages, long_max);
  EXPECT_EQ(c.log_flush_interval_ms, long_max);
  EXPECT_EQ(c.log_flush_scheduler_interval_ms, long_max);
  EXPECT_EQ(c.log_flush_offset_checkpoint_interval_ms, 60000);
  EXPECT_TRUE(c.log_cleanup_policy.delete_segments);
  EXPECT_FALSE(c.log_cleanup_policy.compact);
  EXPECT_EQ(c.offsets_topic_replication_factor, 3);
  EXPECT_EQ(c.offsets_topic_num_partitions, 50);
  EXPECT_EQ(c.offsets_topic_segment_bytes, 104857600);
  EXPECT_EQ(c.offsets_topic_compression_codec, 0);
  EXPECT_EQ(c.transaction_state_log_replication_factor, 3);
  EXPECT_EQ(c.transaction_state_log_num_partitions, 50);
  EXPECT_EQ(c.transaction_state_log_min_isr, 2);
  EXPECT_EQ(c.transaction_state_log_segment_bytes, 104857600);
  EXPECT_EQ(c.group_initial_rebalance_delay_ms, 3000);
}

TEST(ConfigDefaultsTest, StructDefaultsAreKafkas) {
  broker_config c;
  EXPECT_EQ(c.broker_id, kb::broker_id{-1});  // Kafka's "not set"; the parser insists on one
  EXPECT_TRUE(c.zookeeper.servers.empty());   // no default: required
  ASSERT_EQ(c.advertised_listeners.size(), 1u);
  EXPECT_EQ(c.advertised_listeners[0], c.listeners[0]);
  expect_kafka_defaults(c);
}

TEST(ConfigDefaultsTest, ParsingOnlyRequiredKeysGivesTheDefaults) {
  auto r = test::parse_text(test::required_keys);
  EXPECT_EQ(r.config.broker_id, kb::broker_id{0});
  ASSERT_EQ(r.config.zookeeper.servers.size(), 1u);
  EXPECT_EQ(r.config.zookeeper.servers[0], (zookeeper_server{"127.0.0.1", 2181}));
  EXPECT_EQ(r.config.zookeeper.chroot, "");
  expect_kafka_defaults(r.config);
  EXPECT_TRUE(r.inactive_keys.empty());
  EXPECT_TRUE(r.unknown_keys.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ConfigDefaultsTest, AdvertisedListenersDefaultToListenersWithTheLocalHostName) {
  auto r = test::parse_text(test::required_keys);
  ASSERT_EQ(r.config.advertised_listeners.size(), 1u);
  EXPECT_EQ(r.config.advertised_listeners[0].to_string(), "PLAINTEXT://broker0.test:9092");
  EXPECT_EQ(r.config.listeners[0].to_string(), "PLAINTEXT://:9092");  // binding stays on all interfaces
}

TEST(ConfigDefaultsTest, LogConfigDefaultsMatchTheLogModule) {
  // log::log_config carries Kafka's per-log defaults too: both sides must agree.
  const log::log_config expected;
  const log::log_config actual = broker_config{}.to_log_config();
  EXPECT_EQ(actual.segment_bytes, expected.segment_bytes);
  EXPECT_EQ(actual.segment_ms, expected.segment_ms);
  EXPECT_EQ(actual.segment_jitter_ms, expected.segment_jitter_ms);
  EXPECT_EQ(actual.index_interval_bytes, expected.index_interval_bytes);
  EXPECT_EQ(actual.max_index_bytes, expected.max_index_bytes);
  EXPECT_EQ(actual.retention_ms, expected.retention_ms);
  EXPECT_EQ(actual.retention_bytes, expected.retention_bytes);
  EXPECT_EQ(actual.flush_interval_messages, expected.flush_interval_messages);
  EXPECT_EQ(actual.flush_interval_ms, expected.flush_interval_ms);
  EXPECT_EQ(actual.max_message_bytes, expected.max_message_bytes);
}

TEST(ConfigDefaultsTest, ToLogConfigCarriesEveryLogSetting) {
  broker_config c;
  c.log_segment_bytes = 1000;
  c.log_roll_ms = 2000;
  c.log_roll_jitter_ms = 30;
  c.log_index_interval_bytes = 40;
  c.log_index_size_max_bytes = 5000;
  c.log_retention_ms = 6000;
  c.log_retention_bytes = 7000;
  c.log_flush_interval_messages = 80;
  c.log_flush_interval_ms = 90;
  c.message_max_bytes = 100;
  log::log_config l = c.to_log_config();
  EXPECT_EQ(l.segment_bytes, 1000u);
  EXPECT_EQ(l.segment_ms, 2000);
  EXPECT_EQ(l.segment_jitter_ms, 30);
  EXPECT_EQ(l.index_interval_bytes, 40u);
  EXPECT_EQ(l.max_index_bytes, 5000u);
  EXPECT_EQ(l.retention_ms, 6000);
  EXPECT_EQ(l.retention_bytes, 7000);
  EXPECT_EQ(l.flush_interval_messages, 80);
  EXPECT_EQ(l.flush_interval_ms, 90);
  EXPECT_EQ(l.max_message_bytes, 100);
}

TEST(ConfigDefaultsTest, WithoutDeletePolicyRetentionIsUnlimited) {
  broker_config c;
  c.log_retention_ms = 1000;
  c.log_retention_bytes = 1000;
  c.log_cleanup_policy = {.delete_segments = false, .compact = true};
  log::log_config l = c.to_log_config();
  EXPECT_EQ(l.retention_ms, -1);
  EXPECT_EQ(l.retention_bytes, -1);
}

}  // namespace
}  // namespace kb::brokerd
