#include "brokerd/config/broker_options.h"

#include <array>
#include <string>

#include "brokerd/config/broker_config.h"
#include "brokerd/config/config_value.h"

namespace kb::brokerd {

namespace po = boost::program_options;

namespace {

po::typed_value<kafka_int>* int_value() { return po::value<kafka_int>(); }
po::typed_value<kafka_int>* int_value(int32_t d) {
  return po::value<kafka_int>()->default_value(kafka_int{d}, std::to_string(d));
}
po::typed_value<kafka_long>* long_value() { return po::value<kafka_long>(); }
po::typed_value<kafka_long>* long_value(int64_t d) {
  return po::value<kafka_long>()->default_value(kafka_long{d}, std::to_string(d));
}
po::typed_value<kafka_short>* short_value(int16_t d) {
  return po::value<kafka_short>()->default_value(kafka_short{d}, std::to_string(d));
}
po::typed_value<kafka_bool>* bool_value(bool d) {
  return po::value<kafka_bool>()->default_value(kafka_bool{d}, d ? "true" : "false");
}
po::typed_value<kafka_string>* string_value() { return po::value<kafka_string>(); }
po::typed_value<kafka_string>* string_value(const std::string& d) {
  return po::value<kafka_string>()->default_value(kafka_string{d}, d);
}
po::typed_value<kafka_list>* list_value(const std::vector<std::string>& d) {
  std::string text;
  for (const std::string& s : d) text += (text.empty() ? "" : ",") + s;
  return po::value<kafka_list>()->default_value(kafka_list{d}, text);
}

std::string join_listeners(const std::vector<listener_endpoint>& ls) {
  std::string text;
  for (const listener_endpoint& l : ls) text += (text.empty() ? "" : ",") + l.to_string();
  return text;
}

std::string join_protocol_map(const std::map<std::string, std::string>& m) {
  std::string text;
  for (const auto& [name, protocol] : m) text += (text.empty() ? "" : ",") + name + ":" + protocol;
  return text;
}

constexpr std::array not_yet_in_effect = std::to_array<std::string_view>({
    "offsets.topic.compression.codec",
    "transaction.state.log.min.isr",
    "transaction.state.log.num.partitions",
    "transaction.state.log.replication.factor",
    "transaction.state.log.segment.bytes",
});

}  // namespace

std::span<const std::string_view> keys_not_yet_in_effect() { return not_yet_in_effect; }

po::options_description broker_options() {
  const broker_config d;
  const int64_t hour = broker_config::hour_ms;
  po::options_description server("Server basics");
  server.add_options()
      ("broker.id", int_value(d.broker_id()), "unique id of this broker (required, >= 0)")
      ("broker.rack", string_value(), "rack of this broker (optional)");

  po::options_description net("Listeners and socket server");
  net.add_options()
      ("listeners", string_value(join_listeners(d.listeners)), "NAME://host:port list to bind")
      ("advertised.listeners", string_value(), "NAME://host:port list to publish (default: listeners)")
      ("listener.security.protocol.map", string_value(join_protocol_map(d.listener_security_protocol_map)),
       "NAME:PROTOCOL pairs; only PLAINTEXT listeners are supported")
      ("inter.broker.listener.name", string_value(), "listener used between brokers")
      ("security.inter.broker.protocol", string_value("PLAINTEXT"), "protocol used between brokers (PLAINTEXT only)")
      ("socket.send.buffer.bytes", int_value(d.socket_send_buffer_bytes), "SO_SNDBUF of client sockets; -1 = OS default")
      ("socket.receive.buffer.bytes", int_value(d.socket_receive_buffer_bytes), "SO_RCVBUF of client sockets; -1 = OS default")
      ("socket.request.max.bytes", int_value(d.socket_request_max_bytes), "largest request accepted")
      ("prometheus.metrics.port", int_value(d.prometheus_metrics_port),
       "port of the Prometheus /metrics endpoint on the first listener's host; 0 = off (not a Kafka key)");

  po::options_description zk("ZooKeeper");
  zk.add_options()
      ("zookeeper.connect", string_value(), "host:port[,host:port...][/chroot] (required)")
      ("zookeeper.session.timeout.ms", int_value(d.zookeeper_session_timeout_ms), "ZooKeeper session timeout")
      ("zookeeper.connection.timeout.ms", int_value(), "how long to wait for the first connection (default: session timeout)");

  po::options_description topics("Topics");
  topics.add_options()
      ("num.partitions", int_value(d.num_partitions), "partitions of an auto-created topic")
      ("default.replication.factor", int_value(d.default_replication_factor), "replication factor of an auto-created topic")
      ("min.insync.replicas", int_value(d.min_insync_replicas), "in-sync replicas needed for acks=all")
      ("auto.create.topics.enable", bool_value(d.auto_create_topics_enable), "create unknown topics on metadata/produce")
      ("delete.topic.enable", bool_value(d.delete_topic_enable), "allow topic deletion")
      ("message.max.bytes", int_value(d.message_max_bytes), "largest record batch accepted");

  po::options_description replication("Replication and controller");
  replication.add_options()
      ("replica.lag.time.max.ms", long_value(d.replica_lag_time_max_ms), "a follower this far behind leaves the ISR")
      ("replica.socket.timeout.ms", int_value(d.replica_socket_timeout_ms), "follower fetch request timeout")
      ("controller.socket.timeout.ms", int_value(d.controller_socket_timeout_ms),
       "timeout of the controller's requests to brokers")
      ("replica.fetch.wait.max.ms", int_value(d.replica_fetch_wait_max_ms), "follower fetch max wait")
      ("replica.fetch.min.bytes", int_value(d.replica_fetch_min_bytes), "follower fetch min bytes")
      ("replica.fetch.max.bytes", int_value(d.replica_fetch_max_bytes), "follower fetch bytes per partition")
      ("replica.fetch.response.max.bytes", int_value(d.replica_fetch_response_max_bytes), "follower fetch bytes per response")
      ("replica.fetch.backoff.ms", int_value(d.replica_fetch_backoff_ms), "pause after a failed follower fetch")
      ("num.replica.fetchers", int_value(d.num_replica_fetchers), "fetchers per source broker")
      ("replica.high.watermark.checkpoint.interval.ms", long_value(d.replica_high_watermark_checkpoint_interval_ms),
       "how often high watermarks are checkpointed")
      ("unclean.leader.election.enable", bool_value(d.unclean_leader_election_enable), "allow out-of-ISR leaders")
      ("auto.leader.rebalance.enable", bool_value(d.auto_leader_rebalance_enable), "move leadership back to preferred replicas")
      ("leader.imbalance.check.interval.seconds", long_value(d.leader_imbalance_check_interval_seconds),
       "how often the controller checks leader balance")
      ("leader.imbalance.per.broker.percentage", int_value(d.leader_imbalance_per_broker_percentage),
       "imbalance that triggers a rebalance")
      ("controlled.shutdown.enable", bool_value(d.controlled_shutdown_enable), "hand leadership over before stopping")
      ("controlled.shutdown.max.retries", int_value(d.controlled_shutdown_max_retries), "controlled shutdown attempts")
      ("controlled.shutdown.retry.backoff.ms", long_value(d.controlled_shutdown_retry_backoff_ms),
       "pause between controlled shutdown attempts");

  po::options_description logs("Log");
  logs.add_options()
      ("log.dirs", string_value(), "comma-separated data directories (default: log.dir)")
      ("log.dir", string_value(d.log_dirs.front().string()), "data directory when log.dirs is unset")
      ("log.segment.bytes", int_value(d.log_segment_bytes), "segment size that triggers a roll")
      ("log.roll.ms", long_value(), "segment age that triggers a roll (overrides log.roll.hours)")
      ("log.roll.hours", int_value(static_cast<int32_t>(d.log_roll_ms / hour)), "segment age that triggers a roll")
      ("log.roll.jitter.ms", long_value(), "random reduction of the roll age (overrides log.roll.jitter.hours)")
      ("log.roll.jitter.hours", int_value(static_cast<int32_t>(d.log_roll_jitter_ms / hour)), "random reduction of the roll age")
      ("log.index.interval.bytes", int_value(d.log_index_interval_bytes), "bytes between offset index entries")
      ("log.index.size.max.bytes", int_value(d.log_index_size_max_bytes), "offset/time index size")
      ("log.retention.ms", long_value(), "age after which segments are deleted; -1 = forever (overrides minutes, hours)")
      ("log.retention.minutes", int_value(), "retention in minutes (overrides log.retention.hours)")
      ("log.retention.hours", int_value(static_cast<int32_t>(d.log_retention_ms / hour)), "retention in hours")
      ("log.retention.bytes", long_value(d.log_retention_bytes), "partition size limit; -1 = none")
      ("log.retention.check.interval.ms", long_value(d.log_retention_check_interval_ms), "how often retention runs")
      ("log.flush.interval.messages", long_value(d.log_flush_interval_messages), "messages between fsyncs")
      ("log.flush.interval.ms", long_value(), "age of unflushed data that forces an fsync (default: scheduler interval)")
      ("log.flush.scheduler.interval.ms", long_value(d.log_flush_scheduler_interval_ms), "how often logs are checked for flushing")
      ("log.flush.offset.checkpoint.interval.ms", int_value(d.log_flush_offset_checkpoint_interval_ms),
       "how often recovery points are checkpointed")
      ("log.cleanup.policy", list_value({"delete"}), "delete and/or compact (compact is not supported yet)");

  po::options_description groups("Group coordinator and committed offsets");
  groups.add_options()
      ("offsets.topic.replication.factor", short_value(d.offsets_topic_replication_factor), "__consumer_offsets replication factor")
      ("offsets.topic.num.partitions", int_value(d.offsets_topic_num_partitions), "__consumer_offsets partitions")
      ("offsets.topic.segment.bytes", int_value(d.offsets_topic_segment_bytes), "__consumer_offsets segment size")
      ("offsets.topic.compression.codec", int_value(d.offsets_topic_compression_codec), "__consumer_offsets compression id (no effect yet)")
      ("offsets.retention.minutes", int_value(d.offsets_retention_minutes), "how long an empty group's offsets are kept")
      ("offsets.retention.check.interval.ms", long_value(d.offsets_retention_check_interval_ms), "how often offsets are expired")
      ("offsets.commit.timeout.ms", int_value(d.offsets_commit_timeout_ms), "how long a commit waits for the ISR")
      ("offsets.commit.required.acks", short_value(d.offsets_commit_required_acks), "acks of offset commits (-1 only)")
      ("offsets.load.buffer.size", int_value(d.offsets_load_buffer_size), "read size when loading a partition's groups")
      ("offset.metadata.max.bytes", int_value(d.offset_metadata_max_bytes), "largest metadata string of a commit")
      ("group.min.session.timeout.ms", int_value(d.group_min_session_timeout_ms), "smallest session timeout a member may ask")
      ("group.max.session.timeout.ms", int_value(d.group_max_session_timeout_ms), "largest session timeout a member may ask")
      ("group.max.size", int_value(d.group_max_size), "most members a group may have")
      ("group.initial.rebalance.delay.ms", int_value(d.group_initial_rebalance_delay_ms), "delay of a new group's first rebalance");

  po::options_description internal("Transaction state (kept for later; no effect yet)");
  internal.add_options()
      ("transaction.state.log.replication.factor", short_value(d.transaction_state_log_replication_factor),
       "__transaction_state replication factor")
      ("transaction.state.log.num.partitions", int_value(d.transaction_state_log_num_partitions), "__transaction_state partitions")
      ("transaction.state.log.min.isr", int_value(d.transaction_state_log_min_isr), "__transaction_state min.insync.replicas")
      ("transaction.state.log.segment.bytes", int_value(d.transaction_state_log_segment_bytes), "__transaction_state segment size");

  po::options_description all("Broker configuration (server.properties keys)");
  all.add(server).add(net).add(zk).add(topics).add(replication).add(logs).add(groups).add(internal);
  return all;
}

}  // namespace kb::brokerd
