#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "log/log_config.h"

namespace kb::cluster {

// Broker-wide defaults for topic-level settings (from server.properties).
struct topic_defaults {
  log::log_config log;
  int32_t min_insync_replicas = 1;
  bool unclean_leader_election = false;
  std::string cleanup_policy = "delete";
  std::string compression_type = "producer";
  std::string message_timestamp_type = "CreateTime";
};

// A topic's effective settings: the defaults with /config/topics/<t> overrides applied.
struct topic_settings {
  log::log_config log;
  int32_t min_insync_replicas = 1;
  bool unclean_leader_election = false;
  std::string cleanup_policy = "delete";
  std::string compression_type = "producer";
  std::string message_timestamp_type = "CreateTime";
};

// Applies overrides. Unknown keys and bad values are skipped (they were validated when set).
topic_settings effective_topic_settings(const topic_defaults& defaults, const std::map<std::string, std::string>& overrides);

// Checks one topic config key/value as Kafka's LogConfig.validate does; returns an error
// message such as "Invalid value abc for configuration retention.ms: Not a number of type LONG",
// or nullopt if valid.
std::optional<std::string> validate_topic_config(const std::string& key, const std::string& value);

// Why a key Kafka accepts is stored and reported but not acted on by this broker ("log
// compaction is not implemented"), or nullopt when the broker applies it.
std::optional<std::string> topic_config_has_no_effect(const std::string& key);

// The topic config keys this broker knows, in Kafka's names, sorted.
const std::vector<std::string>& topic_config_keys();
// The default value of `key` as a string (as DescribeConfigs reports it), or nullopt.
std::optional<std::string> topic_config_default(const topic_defaults& defaults, const std::string& key);

}  // namespace kb::cluster
