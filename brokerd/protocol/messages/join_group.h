#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// JoinGroup (key 11), JoinGroupRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-5 are implemented (v6+ is flexible). v1 adds rebalance_timeout_ms; v2 adds
// throttle_time_ms; v3 and v4 are v2 (v4 clients rejoin with the member id they are given);
// v5 adds group_instance_id (KIP-345) to the request and to each response member.
inline constexpr int16_t join_group_min_version = 0, join_group_max_version = 5;

struct join_group_request {
  static constexpr std::string_view message_name = "JoinGroupRequest";

  struct join_group_request_protocol {
    std::string name;  // e.g. "range", "cooperative-sticky"
    std::vector<std::byte> metadata;
    friend bool operator==(const join_group_request_protocol&, const join_group_request_protocol&) = default;
  };

  std::string group_id;
  int32_t session_timeout_ms = 0;
  int32_t rebalance_timeout_ms = -1;  // v1+; -1 (v0) means "use session_timeout_ms"
  std::string member_id;              // "" on a member's first join
  std::optional<std::string> group_instance_id;  // v5+; null for a dynamic member
  std::string protocol_type;                     // e.g. "consumer"
  std::vector<join_group_request_protocol> protocols;

  static join_group_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const join_group_request&, const join_group_request&) = default;
};

struct join_group_response {
  static constexpr std::string_view message_name = "JoinGroupResponse";

  struct join_group_response_member {
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v5+
    std::vector<std::byte> metadata;
    friend bool operator==(const join_group_response_member&, const join_group_response_member&) = default;
  };

  int32_t throttle_time_ms = 0;  // v2+
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  int32_t generation_id = -1;
  std::string protocol_name;  // nullable only from v7 (flexible)
  std::string leader;
  std::string member_id;
  std::vector<join_group_response_member> members;  // filled in for the leader only

  static join_group_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const join_group_response&, const join_group_response&) = default;
};

}  // namespace kb::protocol
