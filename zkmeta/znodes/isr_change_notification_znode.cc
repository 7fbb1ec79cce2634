#include "zkmeta/znodes/isr_change_notification_znode.h"

#include <nlohmann/json.hpp>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::isr_change_notification_sequence_znode {

std::string sequence_number(std::string_view name_or_path) {
  const std::size_t at = name_or_path.rfind(prefix);
  return at == std::string_view::npos ? std::string() : std::string(name_or_path.substr(at + prefix.size()));
}

std::string encode(const std::vector<kb::topic_partition>& partitions) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const kb::topic_partition& tp : partitions) {
    nlohmann::ordered_json entry;
    entry["topic"] = tp.topic;
    entry["partition"] = tp.partition;
    list.push_back(std::move(entry));
  }
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["partitions"] = std::move(list);
  return j.dump();
}

result<std::vector<kb::topic_partition>> decode(std::string_view data) {
  result<json_fields::json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  const auto list = parsed.value().find("partitions");
  if (list == parsed.value().end()) return make_error_code(znode_errc::missing_field);
  if (!list->is_array()) return make_error_code(znode_errc::wrong_type);
  std::vector<kb::topic_partition> out;
  for (const json_fields::json& entry : *list) {
    if (!entry.is_object()) return make_error_code(znode_errc::wrong_type);
    result<std::string> topic = json_fields::string_field(entry, "topic");
    if (!topic) return topic.error();
    result<int32_t> partition = json_fields::int32_field(entry, "partition");
    if (!partition) return partition.error();
    out.push_back({std::move(topic.value()), partition.value()});
  }
  return out;
}

}  // namespace kb::zkmeta::isr_change_notification_sequence_znode
