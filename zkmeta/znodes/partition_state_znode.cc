#include "zkmeta/znodes/partition_state_znode.h"

#include <nlohmann/json.hpp>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::partition_state_znode {

std::string encode(const leader_and_isr& state) {
  nlohmann::ordered_json j;
  j["controller_epoch"] = state.controller_epoch();
  j["leader"] = state.leader();
  j["version"] = 1;
  if (state.leader_recovery_state != 0) j["leader_recovery_state"] = state.leader_recovery_state;
  j["leader_epoch"] = state.leader_epoch();
  j["isr"] = state.isr;
  return j.dump();
}

result<leader_and_isr> decode(std::string_view data) {
  result<json_fields::json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  const json_fields::json& j = parsed.value();
  leader_and_isr s;
  result<int32_t> leader = json_fields::int32_field(j, "leader");
  if (!leader) return leader.error();
  s.leader = kb::broker_id{leader.value()};
  result<int32_t> leader_epoch = json_fields::int32_field(j, "leader_epoch");
  if (!leader_epoch) return leader_epoch.error();
  s.leader_epoch = kb::leader_epoch{leader_epoch.value()};
  result<int32_t> controller_epoch = json_fields::int32_field(j, "controller_epoch");
  if (!controller_epoch) return controller_epoch.error();
  s.controller_epoch = kb::controller_epoch{controller_epoch.value()};
  const auto isr = j.find("isr");
  if (isr == j.end()) return make_error_code(znode_errc::missing_field);
  result<std::vector<int32_t>> members = json_fields::to_int32_array(*isr);
  if (!members) return members.error();
  s.isr = std::move(members.value());
  result<std::optional<int32_t>> recovery = json_fields::optional_int32_field(j, "leader_recovery_state");
  if (!recovery) return recovery.error();
  s.leader_recovery_state = recovery.value().value_or(0);
  if (s.leader_recovery_state != 0 && s.leader_recovery_state != 1) return make_error_code(znode_errc::invalid_value);
  return s;
}

}  // namespace kb::zkmeta::partition_state_znode
