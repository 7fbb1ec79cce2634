#include "zkmeta/znodes/topic_config_znode.h"

#include <nlohmann/json.hpp>

#include <map>

#include "zkmeta/znodes/json_fields.h"
#include "zkmeta/znodes/jvm_map_order.h"

namespace kb::zkmeta::topic_config_znode {

std::string encode(const config_entries& config) {
  std::vector<std::string> names;
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : config) {
    names.push_back(name);
    values[name] = value;
  }
  nlohmann::ordered_json entries = nlohmann::ordered_json::object();
  for (const std::string& name : java_properties_order(names)) entries[name] = values.at(name);
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["config"] = std::move(entries);
  return j.dump();
}

result<config_entries> decode(std::string_view data) {
  // Parse preserving the file's key order.
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(data.begin(), data.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error_code(znode_errc::malformed);
  const auto config = j.find("config");
  if (config == j.end()) return make_error_code(znode_errc::missing_field);
  if (config->is_null()) return config_entries{};
  if (!config->is_object()) return make_error_code(znode_errc::wrong_type);
  config_entries out;
  for (const auto& [name, value] : config->items()) {
    if (!value.is_string()) return make_error_code(znode_errc::wrong_type);
    out.emplace_back(name, value.get<std::string>());
  }
  return out;
}

}  // namespace kb::zkmeta::topic_config_znode
