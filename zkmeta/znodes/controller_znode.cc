#include "zkmeta/znodes/controller_znode.h"

#include <nlohmann/json.hpp>

#include <cstdint>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::controller_znode {

std::string encode(kb::broker_id broker, int64_t timestamp_ms) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["brokerid"] = broker();
  j["timestamp"] = std::to_string(timestamp_ms);
  return j.dump();
}

result<controller_info> decode(std::string_view data) {
  if (result<int64_t> bare = json_fields::parse_decimal(data)) {  // pre-JSON Kafka: "<id>"
    if (bare.value() < INT32_MIN || bare.value() > INT32_MAX) return make_error_code(znode_errc::invalid_value);
    return controller_info{kb::broker_id{static_cast<int32_t>(bare.value())}, -1, 0, std::nullopt};
  }
  result<json_fields::json> j = json_fields::parse_object(data);
  if (!j) return j.error();
  controller_info info;
  result<int32_t> broker = json_fields::int32_field(j.value(), "brokerid");
  if (!broker) return broker.error();
  info.broker = kb::broker_id{broker.value()};
  if (j.value().contains("version")) {
    result<int32_t> version = json_fields::int32_field(j.value(), "version");
    if (!version) return version.error();
    info.version = version.value();
  }
  if (j.value().contains("timestamp")) {
    result<int64_t> ts = json_fields::int64_or_string_field(j.value(), "timestamp");
    if (!ts) return ts.error();
    info.timestamp_ms = ts.value();
  }
  result<std::optional<int32_t>> kraft = json_fields::optional_int32_field(j.value(), "kraftControllerEpoch");
  if (!kraft) return kraft.error();
  info.kraft_controller_epoch = kraft.value();
  return info;
}

}  // namespace kb::zkmeta::controller_znode
