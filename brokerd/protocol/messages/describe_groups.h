#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// DescribeGroups (key 15), DescribeGroupsRequest/Response.json of Kafka 3.7. Only the
// non-flexible versions 0-4 are implemented (v5+ is flexible). v1 adds throttle_time_ms; v2 is
// v1; v3 adds include_authorized_operations and each group's authorized_operations; v4 adds
// each member's group_instance_id (KIP-345).
inline constexpr int16_t describe_groups_min_version = 0, describe_groups_max_version = 4;

// authorized_operations when the client did not ask for them (Kafka's Integer.MIN_VALUE).
inline constexpr int32_t describe_groups_authorized_operations_omitted = std::numeric_limits<int32_t>::min();

struct describe_groups_request {
  static constexpr std::string_view message_name = "DescribeGroupsRequest";

  std::vector<std::string> groups;
  bool include_authorized_operations = false;  // v3+

  static describe_groups_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const describe_groups_request&, const describe_groups_request&) = default;
};

struct describe_groups_response {
  static constexpr std::string_view message_name = "DescribeGroupsResponse";

  struct described_group_member {
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v4+
    std::string client_id;
    std::string client_host;
    std::vector<std::byte> member_metadata;    // filled in for a Stable group only
    std::vector<std::byte> member_assignment;  // filled in for a Stable group only
    friend bool operator==(const described_group_member&, const described_group_member&) = default;
  };
  struct described_group {
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    std::string group_id;
    std::string group_state;    // "Stable", "PreparingRebalance", "Empty", "Dead", ...
    std::string protocol_type;  // e.g. "consumer", or ""
    std::string protocol_data;  // the selected protocol name while Stable, else ""
    std::vector<described_group_member> members;
    int32_t authorized_operations = describe_groups_authorized_operations_omitted;  // v3+
    friend bool operator==(const described_group&, const described_group&) = default;
  };

  int32_t throttle_time_ms = 0;  // v1+
  std::vector<described_group> groups;

  static describe_groups_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const describe_groups_response&, const describe_groups_response&) = default;
};

}  // namespace kb::protocol
