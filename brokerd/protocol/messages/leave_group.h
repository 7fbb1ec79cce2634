#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// LeaveGroup (key 13), LeaveGroupRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-3 are implemented (v4+ is flexible). v1 adds throttle_time_ms; v2 is v1; v3
// (KIP-345) replaces the request's single member_id with a batch of members and answers
// each member separately.
inline constexpr int16_t leave_group_min_version = 0, leave_group_max_version = 3;

struct leave_group_request {
  static constexpr std::string_view message_name = "LeaveGroupRequest";

  struct member_identity {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    friend bool operator==(const member_identity&, const member_identity&) = default;
  };

  std::string group_id;
  std::string member_id;                 // v0-2
  std::vector<member_identity> members;  // v3+

  static leave_group_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const leave_group_request&, const leave_group_request&) = default;
};

struct leave_group_response {
  static constexpr std::string_view message_name = "LeaveGroupResponse";

  struct member_response {
    std::string member_id;
    std::optional<std::string> group_instance_id = std::string();  // Kafka's default is ""
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    friend bool operator==(const member_response&, const member_response&) = default;
  };

  int32_t throttle_time_ms = 0;  // v1+
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::vector<member_response> members;  // v3+

  static leave_group_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const leave_group_response&, const leave_group_response&) = default;
};

}  // namespace kb::protocol
