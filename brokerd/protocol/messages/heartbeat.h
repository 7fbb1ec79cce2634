#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// Heartbeat (key 12), HeartbeatRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-3 are implemented (v4+ is flexible). v1 adds throttle_time_ms; v2 is v1; v3 adds
// group_instance_id (KIP-345) to the request.
inline constexpr int16_t heartbeat_min_version = 0, heartbeat_max_version = 3;

struct heartbeat_request {
  static constexpr std::string_view message_name = "HeartbeatRequest";

  std::string group_id;
  int32_t generation_id = 0;
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v3+

  static heartbeat_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const heartbeat_request&, const heartbeat_request&) = default;
};

struct heartbeat_response {
  static constexpr std::string_view message_name = "HeartbeatResponse";

  int32_t throttle_time_ms = 0;  // v1+
  kb::protocol::error_code error_code = kb::protocol::error_code::none;

  static heartbeat_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const heartbeat_response&, const heartbeat_response&) = default;
};

}  // namespace kb::protocol
