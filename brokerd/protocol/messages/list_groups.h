#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// ListGroups (key 16), ListGroupsRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-2 are implemented (v3+ is flexible; v4 adds a states filter). The request has no
// fields below v4; v1 adds throttle_time_ms; v2 is v1.
inline constexpr int16_t list_groups_min_version = 0, list_groups_max_version = 2;

struct list_groups_request {
  static constexpr std::string_view message_name = "ListGroupsRequest";

  static list_groups_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const list_groups_request&, const list_groups_request&) = default;
};

struct list_groups_response {
  static constexpr std::string_view message_name = "ListGroupsResponse";

  struct listed_group {
    std::string group_id;
    std::string protocol_type;  // "consumer" for consumer groups, "" for groups without members yet
    friend bool operator==(const listed_group&, const listed_group&) = default;
  };

  int32_t throttle_time_ms = 0;  // v1+
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::vector<listed_group> groups;

  static list_groups_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const list_groups_response&, const list_groups_response&) = default;
};

}  // namespace kb::protocol
