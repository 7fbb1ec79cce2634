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

// SyncGroup (key 14), SyncGroupRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-3 are implemented (v4+ is flexible). v1 adds throttle_time_ms; v2 is v1; v3 adds
// group_instance_id (KIP-345) to the request.
inline constexpr int16_t sync_group_min_version = 0, sync_group_max_version = 3;

struct sync_group_request {
  static constexpr std::string_view message_name = "SyncGroupRequest";

  struct sync_group_request_assignment {
    std::string member_id;
    std::vector<std::byte> assignment;
    friend bool operator==(const sync_group_request_assignment&, const sync_group_request_assignment&) = default;
  };

  std::string group_id;
  int32_t generation_id = 0;
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v3+
  std::vector<sync_group_request_assignment> assignments;  // sent by the leader only

  static sync_group_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const sync_group_request&, const sync_group_request&) = default;
};

struct sync_group_response {
  static constexpr std::string_view message_name = "SyncGroupResponse";

  int32_t throttle_time_ms = 0;  // v1+
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::vector<std::byte> assignment;

  static sync_group_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const sync_group_response&, const sync_group_response&) = default;
};

}  // namespace kb::protocol
