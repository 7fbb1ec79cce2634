#pragma once

#include <optional>
#include <string>
#include <vector>

#include "brokerd/cluster/topic_config.h"
#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/describe_configs.h"

namespace kb::handlers {

// One static broker config as DescribeConfigs reports it.
struct broker_config_value {
  std::string name;
  std::string value;
  std::optional<std::string> builtin_default;  // Kafka's default for the key, if it has one
  protocol::config_type type = protocol::config_type::unknown;

  // The broker's value differs from the built-in default, so server.properties set it.
  // (We only have the resolved values; a key set to its default reads as unset.)
  bool statically_set() const { return value != builtin_default; }
};

// The broker configs this broker reports (sorted by name): broker.id, the request-handling
// settings and the broker-level defaults of every topic config key. This broker has no
// dynamic broker configs, so all of them are read-only.
std::vector<broker_config_value> broker_config_values(const handler_settings& settings,
                                                      const cluster::topic_defaults& defaults);

}  // namespace kb::handlers
