#include "brokerd/handlers/topic_config_check.h"

#include <algorithm>

#include "brokerd/cluster/topic_config.h"

namespace kb::handlers {

std::optional<topic_config_problem> check_topic_configs(const std::map<std::string, std::string>& configs) {
  const auto& known = cluster::topic_config_keys();
  for (const auto& [key, _] : configs) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return topic_config_problem{true, "Unknown topic config name: " + key};
    }
  }
  for (const auto& [key, value] : configs) {
    if (auto why = cluster::validate_topic_config(key, value)) return topic_config_problem{false, *why};
  }
  return std::nullopt;
}

}  // namespace kb::handlers
