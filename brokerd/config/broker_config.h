#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/config/listener_endpoint.h"
#include "brokerd/config/zookeeper_connect.h"
#include "log/log_config.h"
#include "log/types.h"

namespace kb::brokerd {

// log.cleanup.policy: a list of "delete" and/or "compact".
struct cleanup_policy {
  bool delete_segments = true;  // "delete": retention by time and size removes old segments
  bool compact = false;         // "compact": accepted, but this broker does not compact yet
  bool operator==(const cleanup_policy&) const = default;
};

// Every broker setting the broker acts on, by its Kafka key (server.properties). Defaults are
// Apache Kafka 3.x's (KafkaConfig; see shared/reference/zookeeper.md section 7), so a config
// written for Kafka means the same here. Values are already resolved: where Kafka has several
// keys for one setting (log.retention.ms|minutes|hours, log.dirs|log.dir, ...) the field holds
// the effective value and its comment gives the precedence.
//
// Built once at startup by parse_broker_config() (config_parser.h), which also validates it;
// tests may build one directly. Passed by value or const& to whatever needs it; never global.
struct broker_config {
  static constexpr int64_t hour_ms = 3600 * 1000;
  static constexpr int64_t no_limit = std::numeric_limits<int64_t>::max();  // Kafka's Long.MAX_VALUE

  // ---- Server basics
  // broker.id. Kafka's default -1 asks it to generate an id (broker.id.generation.enable); this
  // broker does not, so the parser requires an explicit id >= 0.
  kb::broker_id broker_id{-1};
  std::optional<std::string> broker_rack;  // broker.rack (default: none)

  // ---- Listeners (only the PLAINTEXT security protocol is supported)
  // listeners (default PLAINTEXT://:9092): where the broker binds; empty host = all interfaces,
  // port 0 = a free port chosen by the OS.
  std::vector<listener_endpoint> listeners = {{"PLAINTEXT", "", 9092}};
  // advertised.listeners (default: the listeners): what is registered in ZooKeeper and returned
  // in Metadata. The parser replaces an empty host with the canonical local host name; a port 0
  // copied from `listeners` is replaced by the bound port when the broker registers.
  std::vector<listener_endpoint> advertised_listeners = {{"PLAINTEXT", "", 9092}};
  // listener.security.protocol.map (default PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,
  // SASL_SSL:SASL_SSL): listener name -> security protocol. Every configured listener maps to PLAINTEXT.
  std::map<std::string, std::string> listener_security_protocol_map = {
      {"PLAINTEXT", "PLAINTEXT"}, {"SSL", "SSL"}, {"SASL_PLAINTEXT", "SASL_PLAINTEXT"}, {"SASL_SSL", "SASL_SSL"}};
  // inter.broker.listener.name, else the listener named after security.inter.broker.protocol
  // (default PLAINTEXT): the advertised listener followers and the controller connect to.
  std::string inter_broker_listener_name = "PLAINTEXT";

  // ---- Socket server
  int32_t socket_send_buffer_bytes = 102400;        // socket.send.buffer.bytes; -1 = OS default
  int32_t socket_receive_buffer_bytes = 102400;     // socket.receive.buffer.bytes; -1 = OS default
  int32_t socket_request_max_bytes = 104857600;     // socket.request.max.bytes (100 MiB)
  // prometheus.metrics.port: where GET /metrics answers in the Prometheus text format, with
  // Kafka's JMX names as Prometheus's JMX exporter maps them. Not a Kafka key (Kafka exports
  // JMX, which a JMX exporter agent turns into this); 0 = no endpoint.
  int32_t prometheus_metrics_port = 0;

  // ---- ZooKeeper
  zookeeper_connect zookeeper;                      // zookeeper.connect (required, no default)
  int32_t zookeeper_session_timeout_ms = 18000;     // zookeeper.session.timeout.ms
  int32_t zookeeper_connection_timeout_ms = 18000;  // zookeeper.connection.timeout.ms; unset = session timeout

  // ---- Topics
  int32_t num_partitions = 1;                       // num.partitions (auto-created topics)
  int32_t default_replication_factor = 1;           // default.replication.factor (auto-created topics)
  int32_t min_insync_replicas = 1;                  // min.insync.replicas (acks=all)
  bool auto_create_topics_enable = true;            // auto.create.topics.enable
  bool delete_topic_enable = true;                  // delete.topic.enable
  int32_t message_max_bytes = 1048588;              // message.max.bytes (largest record batch)

  // ---- Replication
  int64_t replica_lag_time_max_ms = 30000;          // replica.lag.time.max.ms (ISR shrink)
  int32_t replica_socket_timeout_ms = 30000;        // replica.socket.timeout.ms (follower fetch timeout)
  int32_t controller_socket_timeout_ms = 30000;     // controller.socket.timeout.ms (the controller's requests)
  int32_t replica_fetch_wait_max_ms = 500;          // replica.fetch.wait.max.ms
  int32_t replica_fetch_min_bytes = 1;              // replica.fetch.min.bytes
  int32_t replica_fetch_max_bytes = 1048576;        // replica.fetch.max.bytes (per partition)
  int32_t replica_fetch_response_max_bytes = 10485760;  // replica.fetch.response.max.bytes
  int32_t replica_fetch_backoff_ms = 1000;          // replica.fetch.backoff.ms
  int32_t num_replica_fetchers = 1;                 // num.replica.fetchers (per source broker)
  int64_t replica_high_watermark_checkpoint_interval_ms = 5000;  // replica.high.watermark.checkpoint.interval.ms
  bool unclean_leader_election_enable = false;      // unclean.leader.election.enable

  // ---- Controller
  bool auto_leader_rebalance_enable = true;         // auto.leader.rebalance.enable
  int64_t leader_imbalance_check_interval_seconds = 300;  // leader.imbalance.check.interval.seconds
  int32_t leader_imbalance_per_broker_percentage = 10;    // leader.imbalance.per.broker.percentage
  bool controlled_shutdown_enable = true;           // controlled.shutdown.enable
  int32_t controlled_shutdown_max_retries = 3;      // controlled.shutdown.max.retries
  int64_t controlled_shutdown_retry_backoff_ms = 5000;    // controlled.shutdown.retry.backoff.ms

  // ---- Log (the broker-wide defaults of every partition log; see to_log_config())
  std::vector<std::filesystem::path> log_dirs = {"/tmp/kafka-logs"};  // log.dirs, else log.dir
  int32_t log_segment_bytes = 1073741824;           // log.segment.bytes (1 GiB)
  int64_t log_roll_ms = 168 * hour_ms;              // log.roll.ms, else log.roll.hours (168)
  int64_t log_roll_jitter_ms = 0;                   // log.roll.jitter.ms, else log.roll.jitter.hours (0)
  int32_t log_index_interval_bytes = 4096;          // log.index.interval.bytes
  int32_t log_index_size_max_bytes = 10485760;      // log.index.size.max.bytes
  // log.retention.ms, else log.retention.minutes, else log.retention.hours (168); -1 = forever
  // (any negative value is stored as -1, as Kafka does).
  int64_t log_retention_ms = 168 * hour_ms;
  int64_t log_retention_bytes = -1;                 // log.retention.bytes; -1 = no size limit
  int64_t log_retention_check_interval_ms = 300000;  // log.retention.check.interval.ms
  int64_t log_flush_interval_messages = no_limit;   // log.flush.interval.messages
  // log.flush.interval.ms, else log.flush.scheduler.interval.ms: the age of unflushed data that
  // triggers an fsync (default: never; the OS writes back and segments are synced on roll).
  int64_t log_flush_interval_ms = no_limit;
  int64_t log_flush_scheduler_interval_ms = no_limit;  // log.flush.scheduler.interval.ms (how often to check)
  int32_t log_flush_offset_checkpoint_interval_ms = 60000;  // log.flush.offset.checkpoint.interval.ms
  cleanup_policy log_cleanup_policy;                // log.cleanup.policy (delete)

  // ---- The group coordinator and __consumer_offsets.
  int16_t offsets_topic_replication_factor = 3;     // offsets.topic.replication.factor
  int32_t offsets_topic_num_partitions = 50;        // offsets.topic.num.partitions
  int32_t offsets_topic_segment_bytes = 104857600;  // offsets.topic.segment.bytes
  int32_t offsets_retention_minutes = 10080;        // offsets.retention.minutes (7 days)
  int64_t offsets_retention_check_interval_ms = 600000;  // offsets.retention.check.interval.ms
  int32_t offsets_commit_timeout_ms = 5000;         // offsets.commit.timeout.ms
  int16_t offsets_commit_required_acks = -1;        // offsets.commit.required.acks (deprecated; -1 only)
  int32_t offsets_load_buffer_size = 5242880;       // offsets.load.buffer.size
  int32_t offset_metadata_max_bytes = 4096;         // offset.metadata.max.bytes
  int32_t group_min_session_timeout_ms = 6000;      // group.min.session.timeout.ms
  int32_t group_max_session_timeout_ms = 1800000;   // group.max.session.timeout.ms
  int32_t group_max_size = 2147483647;              // group.max.size
  int32_t group_initial_rebalance_delay_ms = 3000;  // group.initial.rebalance.delay.ms
  // ---- Transaction state: parsed and validated now, for the transaction coordinator of a later
  // issue; reported as having no effect until then.
  int32_t offsets_topic_compression_codec = 0;      // offsets.topic.compression.codec (0 = none; not applied yet)
  int16_t transaction_state_log_replication_factor = 3;       // transaction.state.log.replication.factor
  int32_t transaction_state_log_num_partitions = 50;          // transaction.state.log.num.partitions
  int32_t transaction_state_log_min_isr = 2;                  // transaction.state.log.min.isr
  int32_t transaction_state_log_segment_bytes = 104857600;    // transaction.state.log.segment.bytes

  // The per-log defaults for log::log_manager. Without "delete" in log.cleanup.policy, segments
  // are never removed by age or size, so retention becomes unlimited.
  log::log_config to_log_config() const;
};

}  // namespace kb::brokerd
