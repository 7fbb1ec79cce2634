#include "zkmeta/znodes/log_dir_event_notification_znode.h"

#include <nlohmann/json.hpp>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::log_dir_event_notification_sequence_znode {

std::string encode(int32_t broker) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["broker"] = broker;
  j["event"] = log_dir_failure_event;
  return j.dump();
}

result<int32_t> decode(std::string_view data) {
  result<json_fields::json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  return json_fields::int32_field(parsed.value(), "broker");
}

}  // namespace kb::zkmeta::log_dir_event_notification_sequence_znode
