#include "zkmeta/znodes/config_change_notification_znode.h"

#include <nlohmann/json.hpp>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::config_change_notification_znode {

std::string sequence_number(std::string_view name_or_path) {
  const std::size_t at = name_or_path.rfind(prefix);
  return at == std::string_view::npos ? std::string() : std::string(name_or_path.substr(at + prefix.size()));
}

std::string encode(std::string_view entity_path) {
  nlohmann::ordered_json j;
  j["version"] = 2;
  j["entity_path"] = std::string(entity_path);
  return j.dump();
}

result<std::string> decode(std::string_view data) {
  result<json_fields::json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  const json_fields::json& j = parsed.value();
  result<int32_t> version = json_fields::int32_field(j, "version");
  if (!version) return version.error();
  if (version.value() == 2) return json_fields::string_field(j, "entity_path");
  if (version.value() != 1) return make_error_code(znode_errc::unsupported_version);
  result<std::string> type = json_fields::string_field(j, "entity_type");
  if (!type) return type.error();
  result<std::string> name = json_fields::string_field(j, "entity_name");
  if (!name) return name.error();
  return type.value() + "/" + name.value();
}

}  // namespace kb::zkmeta::config_change_notification_znode
