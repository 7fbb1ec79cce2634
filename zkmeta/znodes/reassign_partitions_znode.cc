#include "zkmeta/znodes/reassign_partitions_znode.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::reassign_partitions_znode {

std::string encode(const std::vector<partition_reassignment>& partitions) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const partition_reassignment& r : partitions) {
    nlohmann::ordered_json entry;
    entry["topic"] = r.tp.topic;
    entry["partition"] = r.tp.partition;
    entry["replicas"] = r.replicas;
    list.push_back(std::move(entry));
  }
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["partitions"] = std::move(list);
  return j.dump();
}

result<std::vector<partition_reassignment>> decode(std::string_view data) {
  result<json_fields::json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  const auto list = parsed.value().find("partitions");
  if (list == parsed.value().end()) return make_error_code(znode_errc::missing_field);
  if (!list->is_array()) return make_error_code(znode_errc::wrong_type);
  std::vector<partition_reassignment> out;
  for (const json_fields::json& entry : *list) {
    if (!entry.is_object()) return make_error_code(znode_errc::wrong_type);
    result<std::string> topic = json_fields::string_field(entry, "topic");
    if (!topic) return topic.error();
    result<int32_t> partition = json_fields::int32_field(entry, "partition");
    if (!partition) return partition.error();
    const auto replicas_field = entry.find("replicas");
    if (replicas_field == entry.end()) return make_error_code(znode_errc::missing_field);
    result<std::vector<int32_t>> replicas = json_fields::to_int32_array(*replicas_field);
    if (!replicas) return replicas.error();
    kb::topic_partition tp{std::move(topic.value()), partition.value()};
    auto same = std::find_if(out.begin(), out.end(), [&](const partition_reassignment& r) { return r.tp == tp; });
    if (same != out.end()) {
      same->replicas = std::move(replicas.value());
    } else {
      out.push_back({std::move(tp), std::move(replicas.value())});
    }
  }
  return out;
}

}  // namespace kb::zkmeta::reassign_partitions_znode
