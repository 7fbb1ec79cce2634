#pragma once

#include <map>
#include <optional>
#include <string>

namespace kb::handlers {

struct topic_config_problem {
  bool unknown_name = false;  // an unknown key, else a bad value
  std::string message;        // Kafka's wording, e.g. "Unknown topic config name: foo"
};

// Kafka's LogConfig.validate over a whole set of topic overrides: every name is checked
// first, then every value. Returns the first problem, or nullopt if the set is valid.
std::optional<topic_config_problem> check_topic_configs(const std::map<std::string, std::string>& configs);

}  // namespace kb::handlers
