#pragma once

// Members for group_metadata tests: consumers with a subscription, and a parked JoinGroup
// whose answer lands in a slot.

#include <optional>
#include <string>
#include <vector>

#include "brokerd/group/member.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {

// A member with the group protocol `names` (each with a subscription to `topics`).
inline member make_member(const std::string& id, std::vector<std::string> names = {"range"},
                          std::optional<std::string> instance = std::nullopt,
                          std::vector<std::string> topics = {"t"}, std::string type = "consumer") {
  member m;
  m.id = id;
  m.group_instance_id = std::move(instance);
  m.client_id = "client";
  m.client_host = "/127.0.0.1";
  m.rebalance_timeout_ms = 30000;
  m.session_timeout_ms = 10000;
  m.protocol_type = std::move(type);
  for (auto& n : names) m.protocols.push_back({n, consumer_subscription(topics)});
  return m;
}

// A parked JoinGroup whose answer lands in `slot`.
inline join_callback park(std::optional<protocol::join_group_response>& slot) {
  return [&slot](protocol::join_group_response r) { slot = std::move(r); };
}

}  // namespace kb::group::test
