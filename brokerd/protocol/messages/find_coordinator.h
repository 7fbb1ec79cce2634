#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// FindCoordinator (key 10), FindCoordinatorRequest/Response.json of Kafka 3.7. Only the
// non-flexible versions 0-2 are implemented (v3+ is flexible; v4 batches the keys). v1 adds
// key_type, throttle_time_ms and error_message; v2 is v1.
inline constexpr int16_t find_coordinator_min_version = 0, find_coordinator_max_version = 2;

// Kafka's FindCoordinatorRequest.CoordinatorType. v0 requests carry no type and mean group.
enum class coordinator_key_type : int8_t {
  group = 0,
  transaction = 1,
};

struct find_coordinator_request {
  static constexpr std::string_view message_name = "FindCoordinatorRequest";

  std::string key;  // a group id or a transactional id
  coordinator_key_type key_type = coordinator_key_type::group;  // v1+

  static find_coordinator_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const find_coordinator_request&, const find_coordinator_request&) = default;
};

struct find_coordinator_response {
  static constexpr std::string_view message_name = "FindCoordinatorResponse";

  int32_t throttle_time_ms = 0;  // v1+
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::optional<std::string> error_message = std::string();  // v1+; null = no error; Kafka's default is ""
  int32_t node_id = 0;
  std::string host;
  int32_t port = 0;

  static find_coordinator_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const find_coordinator_response&, const find_coordinator_response&) = default;
};

}  // namespace kb::protocol
