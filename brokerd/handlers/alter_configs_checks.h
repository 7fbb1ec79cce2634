#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/cluster/topic_admin.h"
#include "brokerd/handlers/topic_config_check.h"
#include "brokerd/protocol/messages/config_resource_type.h"

namespace kb::handlers {

// Checks AlterConfigs and IncrementalAlterConfigs share, with Kafka's wording
// (ConfigAdminManager.preprocess and ZkAdminManager.alterTopicConfigs).

struct config_resource_key {
  protocol::config_resource_type type;
  std::string name;
};
// For each resource, whether another one in the request has the same type and name
// ("Each resource must appear at most once.").
std::vector<bool> repeated_resources(const std::vector<config_resource_key>& resources);

// INVALID_REQUEST "Error due to duplicate config keys" if a key repeats.
std::optional<cluster::admin_result> check_unique_keys(const std::vector<std::string>& keys);
// INVALID_REQUEST "Null value not supported for : a, b" for the keys given.
std::optional<cluster::admin_result> check_no_null_values(const std::vector<std::string>& null_keys);

// BROKER resources: the name must be empty or this broker's id; dynamic broker configs are
// then refused either way, since this broker reads its configs only from server.properties.
cluster::admin_result refuse_broker_resource(const std::string& name, int32_t broker_id);

// TOPIC resources: an empty name ("Default topic resources are not allowed.") or a topic
// the metadata cache does not know, else nullopt.
std::optional<cluster::admin_result> check_topic_resource(const std::string& name, bool topic_exists);

// INVALID_CONFIG for a problem found in a topic's new config set: unknown keys as is, bad
// values wrapped as "Invalid config value for resource ConfigResource(...): <why>".
cluster::admin_result invalid_topic_config(const std::string& topic, const topic_config_problem& problem);

}  // namespace kb::handlers
