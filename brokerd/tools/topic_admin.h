#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/tools/key_value_args.h"
#include "brokerd/tools/replica_assignment.h"

namespace kb::tools {

// One entry of a topic's DescribeConfigs result.
struct config_entry_view {
  std::string name;
  std::optional<std::string> value;  // null for sensitive values
  rd_kafka_ConfigSource_t source = RD_KAFKA_CONFIG_SOURCE_UNKNOWN_CONFIG;
  bool is_default = false;  // Kafka's ConfigEntry.isDefault(): source is DEFAULT_CONFIG
};

struct new_topic_spec {
  std::string name;
  std::optional<int32_t> partitions;          // none: the broker's num.partitions
  std::optional<int32_t> replication_factor;  // none: the broker's default.replication.factor
  replica_assignment assignment;              // if not empty, replaces both counts
  key_value_list configs;
};

// The topic operations of Kafka's Admin client that kafka-topics uses, over librdkafka's Admin
// API, each synchronous. A per-topic failure throws broker_error with the text Kafka would print
// (kafka_error_text); a failure to reach the cluster throws command_error.
class topic_admin {
 public:
  topic_admin(rd_kafka_t* client, std::chrono::milliseconds timeout) : client_(client), timeout_(timeout) {}

  void create_topic(const new_topic_spec& spec) const;
  void delete_topics(const std::vector<std::string>& names) const;
  // Grows `topic` to `total` partitions; `new_assignment` (optional) lists the replicas of the
  // added partitions only.
  void create_partitions(const std::string& topic, int32_t total, const replica_assignment& new_assignment) const;
  // Every config entry of each topic, in the order the broker listed them.
  std::map<std::string, std::vector<config_entry_view>> describe_topic_configs(
      const std::vector<std::string>& names) const;

 private:
  rd_kafka_t* client_;
  std::chrono::milliseconds timeout_;
};

}  // namespace kb::tools
