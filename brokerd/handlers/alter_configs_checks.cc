#include "brokerd/handlers/alter_configs_checks.h"

#include <charconv>
#include <map>
#include <set>

#include "brokerd/handlers/config_resource_text.h"

namespace kb::handlers {
using protocol::error_code;

std::vector<bool> repeated_resources(const std::vector<config_resource_key>& resources) {
  std::map<std::pair<int8_t, std::string>, int> count;
  for (const auto& r : resources) ++count[{static_cast<int8_t>(r.type), r.name}];
  std::vector<bool> out;
  for (const auto& r : resources) out.push_back(count[{static_cast<int8_t>(r.type), r.name}] > 1);
  return out;
}

std::optional<cluster::admin_result> check_unique_keys(const std::vector<std::string>& keys) {
  std::set<std::string> seen;
  for (const auto& k : keys) {
    if (!seen.insert(k).second) return cluster::admin_result{error_code::invalid_request, "Error due to duplicate config keys"};
  }
  return std::nullopt;
}

std::optional<cluster::admin_result> check_no_null_values(const std::vector<std::string>& null_keys) {
  if (null_keys.empty()) return std::nullopt;
  std::string list;
  for (const auto& k : null_keys) list += (list.empty() ? "" : ", ") + k;
  return cluster::admin_result{error_code::invalid_request, "Null value not supported for : " + list};
}

cluster::admin_result refuse_broker_resource(const std::string& name, int32_t broker_id) {
  if (!name.empty()) {
    int32_t id = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
    if (ec != std::errc{} || end != name.data() + name.size()) {
      return {error_code::invalid_request, "Node id must be an integer, but it is: " + name};
    }
    if (id != broker_id) {
      return {error_code::invalid_request,
              "Unexpected broker id, expected " + std::to_string(broker_id) + ", but received " + name};
    }
  }
  return {error_code::invalid_request,
          "Dynamic broker configs are not supported by this broker: set broker configs in server.properties and "
          "restart the broker"};
}

std::optional<cluster::admin_result> check_topic_resource(const std::string& name, bool topic_exists) {
  if (name.empty()) return cluster::admin_result{error_code::invalid_request, "Default topic resources are not allowed."};
  if (!topic_exists) {
    return cluster::admin_result{error_code::unknown_topic_or_partition, "The topic '" + name + "' does not exist."};
  }
  return std::nullopt;
}

cluster::admin_result invalid_topic_config(const std::string& topic, const topic_config_problem& problem) {
  if (problem.unknown_name) return {error_code::invalid_config, problem.message};
  return {error_code::invalid_config, "Invalid config value for resource " +
                                          config_resource_text(protocol::config_resource_type::topic, topic) + ": " +
                                          problem.message};
}

}  // namespace kb::handlers
