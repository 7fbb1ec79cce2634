#include "zkmeta/znodes/topic_znode.h"

#include <nlohmann/json.hpp>

#include <cstdint>

#include "zkmeta/znodes/json_fields.h"
#include "zkmeta/znodes/jvm_map_order.h"

namespace kb::zkmeta::topic_znode {
namespace {

using json_fields::json;

nlohmann::ordered_json encode_assignment(const replica_assignment& assignment) {
  std::vector<std::string> keys;
  keys.reserve(assignment.size());
  for (const auto& [partition, replicas] : assignment) keys.push_back(std::to_string(partition));
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const std::string& key : scala213_hash_map_order(std::move(keys))) {
    out[key] = assignment.at(std::stoi(key));
  }
  return out;
}

// An absent or null map decodes as empty.
result<replica_assignment> decode_assignment(const json& obj, std::string_view key) {
  result<const json*> map = json_fields::optional_object_field(obj, key);
  if (!map) return map.error();
  replica_assignment out;
  if (map.value() == nullptr) return out;
  for (const auto& [partition, replicas] : map.value()->items()) {
    result<int64_t> p = json_fields::parse_decimal(partition);
    if (!p || p.value() < 0 || p.value() > INT32_MAX) return make_error_code(znode_errc::invalid_value);
    result<std::vector<int32_t>> r = json_fields::to_int32_array(replicas);
    if (!r) return r.error();
    out.emplace(static_cast<int32_t>(p.value()), std::move(r.value()));
  }
  return out;
}

}  // namespace

std::string encode(const topic_assignment& topic) {
  nlohmann::ordered_json j;
  j["partitions"] = encode_assignment(topic.partitions);
  if (topic.topic_id) j["topic_id"] = *topic.topic_id;
  j["adding_replicas"] = encode_assignment(topic.adding_replicas);
  j["removing_replicas"] = encode_assignment(topic.removing_replicas);
  j["version"] = 3;
  return j.dump();
}

result<topic_assignment> decode(std::string_view data) {
  result<json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  const json& j = parsed.value();
  topic_assignment t;
  if (j.contains("version")) {
    result<int32_t> version = json_fields::int32_field(j, "version");
    if (!version) return version.error();
    t.version = version.value();
  } else {
    t.version = 1;
  }
  if (!j.contains("partitions")) return make_error_code(znode_errc::missing_field);
  result<replica_assignment> partitions = decode_assignment(j, "partitions");
  if (!partitions) return partitions.error();
  t.partitions = std::move(partitions.value());
  result<replica_assignment> adding = decode_assignment(j, "adding_replicas");
  if (!adding) return adding.error();
  t.adding_replicas = std::move(adding.value());
  result<replica_assignment> removing = decode_assignment(j, "removing_replicas");
  if (!removing) return removing.error();
  t.removing_replicas = std::move(removing.value());
  result<std::optional<std::string>> id = json_fields::optional_string_field(j, "topic_id");
  if (!id) return id.error();
  t.topic_id = id.value();
  return t;
}

}  // namespace kb::zkmeta::topic_znode
