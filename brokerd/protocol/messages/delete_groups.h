#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// DeleteGroups (key 42), DeleteGroupsRequest/Response.json of Kafka 3.7; v2+ are flexible.
// v0 and v1 share one layout (v1 only answers before throttling).
inline constexpr int16_t delete_groups_min_version = 0, delete_groups_max_version = 1;

struct delete_groups_request {
  static constexpr std::string_view message_name = "DeleteGroupsRequest";

  std::vector<std::string> groups_names;  // Kafka's spelling (GroupsNames)

  static delete_groups_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const delete_groups_request&, const delete_groups_request&) = default;
};

struct delete_groups_response {
  static constexpr std::string_view message_name = "DeleteGroupsResponse";

  struct deletable_group_result {
    std::string group_id;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    friend bool operator==(const deletable_group_result&, const deletable_group_result&) = default;
  };

  int32_t throttle_time_ms = 0;
  std::vector<deletable_group_result> results;

  static delete_groups_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const delete_groups_response&, const delete_groups_response&) = default;
};

}  // namespace kb::protocol
