#include "brokerd/config/config_parser.h"

#include <algorithm>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/variables_map.hpp>
#include <map>
#include <set>

#include "brokerd/config/broker_options.h"
#include "brokerd/config/config_error.h"
#include "brokerd/config/config_reader.h"
#include "brokerd/config/config_value.h"
#include "brokerd/config/inactive_keys.h"
#include "brokerd/config/listener_settings.h"

namespace kb::brokerd {

namespace po = boost::program_options;

namespace {

constexpr int64_t minute_ms = 60 * 1000;
constexpr int32_t min_segment_bytes = 14;  // Kafka: LegacyRecord.RECORD_OVERHEAD_V0

// Stores one supplied key into `vm`, turning a type error into a config_error that names it.
void store_entry(const po::options_description& desc, const property& entry, po::variables_map& vm) {
  po::parsed_options parsed(&desc);
  po::option option(entry.key, {entry.value});
  option.original_tokens = {entry.key + "=" + entry.value};
  parsed.options.push_back(option);
  try {
    po::store(parsed, vm);
  } catch (const config_value_error& e) {
    throw config_error::invalid_value(entry.key, entry.value, e.what(), entry.origin);
  }
}

void read_server_and_network(const config_reader& r, broker_config& cfg) {
  if (!r.supplied("broker.id")) {
    throw config_error::missing("broker.id",
                                "This broker does not generate broker ids (broker.id.generation.enable is not "
                                "supported): set broker.id to a unique integer >= 0.");
  }
  int32_t id = r.get_int("broker.id");
  if (id < 0) {
    throw r.invalid("broker.id", std::to_string(id),
                    "broker.id must be a unique integer >= 0; this broker does not generate broker ids "
                    "(broker.id.generation.enable is not supported)");
  }
  cfg.broker_id = kb::broker_id{id};
  if (auto rack = r.find_string("broker.rack"); rack && !rack->empty()) cfg.broker_rack = *rack;

  cfg.socket_send_buffer_bytes = r.at_least("socket.send.buffer.bytes", r.get_int("socket.send.buffer.bytes"), -1);
  cfg.socket_receive_buffer_bytes =
      r.at_least("socket.receive.buffer.bytes", r.get_int("socket.receive.buffer.bytes"), -1);
  cfg.socket_request_max_bytes = r.at_least("socket.request.max.bytes", r.get_int("socket.request.max.bytes"), 1);
  cfg.prometheus_metrics_port = r.between("prometheus.metrics.port", r.get_int("prometheus.metrics.port"), 0, 65535);
}

void read_zookeeper(const config_reader& r, broker_config& cfg) {
  auto connect = r.find_string("zookeeper.connect");
  if (!connect) {
    throw config_error::missing("zookeeper.connect", "This broker runs in ZooKeeper mode only.");
  }
  cfg.zookeeper = parse_zookeeper_connect(*connect, r.origin("zookeeper.connect"));
  cfg.zookeeper_session_timeout_ms =
      r.at_least("zookeeper.session.timeout.ms", r.get_int("zookeeper.session.timeout.ms"), 1);
  cfg.zookeeper_connection_timeout_ms =
      r.at_least("zookeeper.connection.timeout.ms",
                 r.find_int("zookeeper.connection.timeout.ms").value_or(cfg.zookeeper_session_timeout_ms), 1);
}

void read_topics(const config_reader& r, broker_config& cfg) {
  cfg.num_partitions = r.at_least("num.partitions", r.get_int("num.partitions"), 1);
  cfg.default_replication_factor = r.at_least("default.replication.factor", r.get_int("default.replication.factor"), 1);
  cfg.min_insync_replicas = r.at_least("min.insync.replicas", r.get_int("min.insync.replicas"), 1);
  cfg.auto_create_topics_enable = r.get_bool("auto.create.topics.enable");
  cfg.delete_topic_enable = r.get_bool("delete.topic.enable");
  cfg.message_max_bytes = r.at_least("message.max.bytes", r.get_int("message.max.bytes"), 0);
}

void read_replication(const config_reader& r, broker_config& cfg) {
  cfg.replica_lag_time_max_ms = r.at_least("replica.lag.time.max.ms", r.get_long("replica.lag.time.max.ms"), int64_t{1});
  cfg.replica_socket_timeout_ms = r.at_least("replica.socket.timeout.ms", r.get_int("replica.socket.timeout.ms"), 1);
  cfg.controller_socket_timeout_ms =
      r.at_least("controller.socket.timeout.ms", r.get_int("controller.socket.timeout.ms"), 1);
  cfg.replica_fetch_wait_max_ms = r.at_least("replica.fetch.wait.max.ms", r.get_int("replica.fetch.wait.max.ms"), 0);
  cfg.replica_fetch_min_bytes = r.at_least("replica.fetch.min.bytes", r.get_int("replica.fetch.min.bytes"), 0);
  cfg.replica_fetch_max_bytes = r.at_least("replica.fetch.max.bytes", r.get_int("replica.fetch.max.bytes"), 0);
  cfg.replica_fetch_response_max_bytes =
      r.at_least("replica.fetch.response.max.bytes", r.get_int("replica.fetch.response.max.bytes"), 0);
  cfg.replica_fetch_backoff_ms = r.at_least("replica.fetch.backoff.ms", r.get_int("replica.fetch.backoff.ms"), 0);
  cfg.num_replica_fetchers = r.at_least("num.replica.fetchers", r.get_int("num.replica.fetchers"), 1);
  cfg.replica_high_watermark_checkpoint_interval_ms =
      r.at_least("replica.high.watermark.checkpoint.interval.ms",
                 r.get_long("replica.high.watermark.checkpoint.interval.ms"), int64_t{1});
  cfg.unclean_leader_election_enable = r.get_bool("unclean.leader.election.enable");
  if (cfg.replica_fetch_wait_max_ms > cfg.replica_socket_timeout_ms) {
    throw r.invalid("replica.socket.timeout.ms", std::to_string(cfg.replica_socket_timeout_ms),
                    "replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms (" +
                        std::to_string(cfg.replica_fetch_wait_max_ms) + ") to prevent unnecessary socket timeouts");
  }
  if (cfg.replica_fetch_wait_max_ms > cfg.replica_lag_time_max_ms) {
    throw r.invalid("replica.fetch.wait.max.ms", std::to_string(cfg.replica_fetch_wait_max_ms),
                    "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms (" +
                        std::to_string(cfg.replica_lag_time_max_ms) + ") to prevent frequent changes in ISR");
  }

  cfg.auto_leader_rebalance_enable = r.get_bool("auto.leader.rebalance.enable");
  cfg.leader_imbalance_check_interval_seconds = r.at_least(
      "leader.imbalance.check.interval.seconds", r.get_long("leader.imbalance.check.interval.seconds"), int64_t{1});
  cfg.leader_imbalance_per_broker_percentage =
      r.at_least("leader.imbalance.per.broker.percentage", r.get_int("leader.imbalance.per.broker.percentage"), 0);
  cfg.controlled_shutdown_enable = r.get_bool("controlled.shutdown.enable");
  cfg.controlled_shutdown_max_retries =
      r.at_least("controlled.shutdown.max.retries", r.get_int("controlled.shutdown.max.retries"), 0);
  cfg.controlled_shutdown_retry_backoff_ms = r.at_least(
      "controlled.shutdown.retry.backoff.ms", r.get_long("controlled.shutdown.retry.backoff.ms"), int64_t{0});
}

void read_log_dirs(const config_reader& r, broker_config& cfg) {
  const char* key = r.supplied("log.dirs") ? "log.dirs" : "log.dir";
  const std::string value = r.find_string("log.dirs").value_or(r.get_string("log.dir"));
  std::vector<std::string> dirs = split_csv(value);
  if (dirs.empty()) {
    throw r.invalid(key, value, "At least one log directory must be defined via log.dirs or log.dir.");
  }
  std::set<std::string> seen;
  cfg.log_dirs.clear();
  for (const std::string& d : dirs) {
    std::filesystem::path p = std::filesystem::path(d).lexically_normal();
    std::string normal = p.string();
    if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
    if (!seen.insert(normal).second) throw r.invalid(key, value, "Duplicate log directory found: " + d);
    cfg.log_dirs.emplace_back(normal);
  }
}

// Kafka: log.retention.ms, else log.retention.minutes, else log.retention.hours; negative = -1.
void read_retention(const config_reader& r, broker_config& cfg) {
  const char* key = "log.retention.hours";
  int64_t ms = 0;
  if (auto v = r.find_long("log.retention.ms")) {
    key = "log.retention.ms";
    ms = *v;
  } else if (auto m = r.find_int("log.retention.minutes")) {
    key = "log.retention.minutes";
    ms = *m * minute_ms;
  } else {
    ms = r.get_int("log.retention.hours") * broker_config::hour_ms;
  }
  if (ms == 0) {
    throw r.invalid(key, "0", "log.retention.ms must be unlimited (-1) or, greater than or equal to 1");
  }
  cfg.log_retention_ms = ms < 0 ? -1 : ms;
  cfg.log_retention_bytes = r.get_long("log.retention.bytes");
  cfg.log_retention_check_interval_ms =
      r.at_least("log.retention.check.interval.ms", r.get_long("log.retention.check.interval.ms"), int64_t{1});
}

// Kafka: log.roll.ms, else log.roll.hours; the same for the jitter.
void read_roll(const config_reader& r, broker_config& cfg) {
  if (auto ms = r.find_long("log.roll.ms")) {
    cfg.log_roll_ms = r.at_least("log.roll.ms", *ms, int64_t{1});
  } else {
    cfg.log_roll_ms = r.at_least("log.roll.hours", r.get_int("log.roll.hours"), 1) * broker_config::hour_ms;
  }
  if (auto ms = r.find_long("log.roll.jitter.ms")) {
    cfg.log_roll_jitter_ms = r.at_least("log.roll.jitter.ms", *ms, int64_t{0});
  } else {
    cfg.log_roll_jitter_ms =
        r.at_least("log.roll.jitter.hours", r.get_int("log.roll.jitter.hours"), 0) * broker_config::hour_ms;
  }
}

void read_log(const config_reader& r, broker_config& cfg, std::vector<std::string>& warnings) {
  read_log_dirs(r, cfg);
  cfg.log_segment_bytes = r.at_least("log.segment.bytes", r.get_int("log.segment.bytes"), min_segment_bytes);
  read_roll(r, cfg);
  cfg.log_index_interval_bytes = r.at_least("log.index.interval.bytes", r.get_int("log.index.interval.bytes"), 0);
  cfg.log_index_size_max_bytes = r.at_least("log.index.size.max.bytes", r.get_int("log.index.size.max.bytes"), 4);
  read_retention(r, cfg);

  cfg.log_flush_interval_messages =
      r.at_least("log.flush.interval.messages", r.get_long("log.flush.interval.messages"), int64_t{1});
  cfg.log_flush_scheduler_interval_ms =
      r.at_least("log.flush.scheduler.interval.ms", r.get_long("log.flush.scheduler.interval.ms"), int64_t{1});
  if (auto ms = r.find_long("log.flush.interval.ms")) {
    cfg.log_flush_interval_ms = r.at_least("log.flush.interval.ms", *ms, int64_t{0});
  } else {
    cfg.log_flush_interval_ms = cfg.log_flush_scheduler_interval_ms;
  }
  cfg.log_flush_offset_checkpoint_interval_ms = r.at_least(
      "log.flush.offset.checkpoint.interval.ms", r.get_int("log.flush.offset.checkpoint.interval.ms"), 0);

  cfg.log_cleanup_policy = {.delete_segments = false, .compact = false};
  for (const std::string& policy : r.get_list("log.cleanup.policy")) {
    if (policy == "delete") {
      cfg.log_cleanup_policy.delete_segments = true;
    } else if (policy == "compact") {
      cfg.log_cleanup_policy.compact = true;
    } else {
      throw r.invalid("log.cleanup.policy", policy, "String must be one of: compact, delete");
    }
  }
  if (cfg.log_cleanup_policy.compact) {
    warnings.push_back(
        "log.cleanup.policy=compact is accepted, but log compaction is not supported yet: no records are removed by "
        "compaction" +
        std::string(cfg.log_cleanup_policy.delete_segments
                        ? " (time and size retention still apply)"
                        : "; without delete, segments are never removed"));
  }
}

void read_group_coordinator(const config_reader& r, broker_config& cfg) {
  cfg.group_initial_rebalance_delay_ms =
      r.at_least("group.initial.rebalance.delay.ms", r.get_int("group.initial.rebalance.delay.ms"), 0);
  cfg.group_min_session_timeout_ms = r.get_int("group.min.session.timeout.ms");
  cfg.group_max_session_timeout_ms = r.get_int("group.max.session.timeout.ms");
  cfg.group_max_size = r.at_least("group.max.size", r.get_int("group.max.size"), 1);
  cfg.offsets_retention_minutes = r.at_least("offsets.retention.minutes", r.get_int("offsets.retention.minutes"), 1);
  cfg.offsets_retention_check_interval_ms =
      r.at_least("offsets.retention.check.interval.ms", r.get_long("offsets.retention.check.interval.ms"), int64_t{1});
  cfg.offsets_commit_timeout_ms = r.at_least("offsets.commit.timeout.ms", r.get_int("offsets.commit.timeout.ms"), 1);
  cfg.offsets_commit_required_acks = r.get_short("offsets.commit.required.acks");
  if (cfg.offsets_commit_required_acks != -1) {
    throw r.invalid("offsets.commit.required.acks", std::to_string(cfg.offsets_commit_required_acks),
                    "only -1 (the whole ISR) is supported: a commit acknowledged by the leader alone could be lost");
  }
  cfg.offsets_load_buffer_size = r.at_least("offsets.load.buffer.size", r.get_int("offsets.load.buffer.size"), 1);
  cfg.offset_metadata_max_bytes = r.get_int("offset.metadata.max.bytes");
}

void read_internal_topics(const config_reader& r, broker_config& cfg) {
  cfg.offsets_topic_replication_factor = r.at_least(
      "offsets.topic.replication.factor", r.get_short("offsets.topic.replication.factor"), int16_t{1});
  cfg.offsets_topic_num_partitions = r.at_least("offsets.topic.num.partitions", r.get_int("offsets.topic.num.partitions"), 1);
  cfg.offsets_topic_segment_bytes = r.at_least("offsets.topic.segment.bytes", r.get_int("offsets.topic.segment.bytes"), 1);
  cfg.offsets_topic_compression_codec = r.get_int("offsets.topic.compression.codec");
  if (cfg.offsets_topic_compression_codec < 0 || cfg.offsets_topic_compression_codec > 4) {
    throw r.invalid("offsets.topic.compression.codec", std::to_string(cfg.offsets_topic_compression_codec),
                    "Unknown compression type id: " + std::to_string(cfg.offsets_topic_compression_codec) +
                        " (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd)");
  }
  cfg.transaction_state_log_replication_factor =
      r.at_least("transaction.state.log.replication.factor", r.get_short("transaction.state.log.replication.factor"),
                 int16_t{1});
  cfg.transaction_state_log_num_partitions =
      r.at_least("transaction.state.log.num.partitions", r.get_int("transaction.state.log.num.partitions"), 1);
  cfg.transaction_state_log_min_isr =
      r.at_least("transaction.state.log.min.isr", r.get_int("transaction.state.log.min.isr"), 1);
  cfg.transaction_state_log_segment_bytes =
      r.at_least("transaction.state.log.segment.bytes", r.get_int("transaction.state.log.segment.bytes"), 1);
  read_group_coordinator(r, cfg);
}

}  // namespace

config_parse_result parse_broker_config(const std::vector<property>& entries,
                                        const std::function<std::string()>& local_hostname) {
  const po::options_description desc = broker_options();
  const auto pending = keys_not_yet_in_effect();

  // Later entries win; reports list each key once, in order of first appearance.
  std::map<std::string, property> supplied;
  std::vector<std::string> order;
  for (const property& e : entries) {
    if (supplied.insert_or_assign(e.key, e).second) order.push_back(e.key);
  }

  config_parse_result result;
  po::variables_map vm;
  std::map<std::string, property> known;
  for (const std::string& key : order) {
    const property& entry = supplied.at(key);
    // An empty key (a line starting with '=' or ':') is unknown, as to Kafka; program_options
    // would match it against every option's empty short name and throw ambiguous_option.
    if (!key.empty() && desc.find_nothrow(key, false) != nullptr) {
      store_entry(desc, entry, vm);
      known.emplace(key, entry);
      if (std::find(pending.begin(), pending.end(), key) != pending.end()) result.inactive_keys.push_back(key);
    } else if (is_inactive_key(key)) {
      result.inactive_keys.push_back(key);
    } else {
      result.unknown_keys.push_back(key);
    }
  }
  po::store(po::parsed_options(&desc), vm);  // the defaults of every key not supplied
  po::notify(vm);

  const config_reader reader(vm, known);
  broker_config& cfg = result.config;
  read_server_and_network(reader, cfg);
  resolve_listener_settings(reader, local_hostname, cfg);
  read_zookeeper(reader, cfg);
  read_topics(reader, cfg);
  read_replication(reader, cfg);
  read_log(reader, cfg, result.warnings);
  read_internal_topics(reader, cfg);
  return result;
}

property parse_override(std::string_view argument) {
  size_t eq = argument.find('=');
  std::string key(java_trim(argument.substr(0, eq == std::string_view::npos ? 0 : eq)));
  if (eq == std::string_view::npos || key.empty()) {
    throw config_error("Invalid --override '" + std::string(argument) + "': expected key=value");
  }
  return property{key, std::string(argument.substr(eq + 1)), "--override"};
}

}  // namespace kb::brokerd
