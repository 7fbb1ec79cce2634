#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// ControlledShutdown (key 7): a stopping broker asks the controller to move its leaderships
// away. Versions 1-2 (non-flexible; v0 uses request header v0, v3 is flexible). Inter-broker
// only; Kafka lists it in ApiVersions like every API the broker serves.
inline constexpr int16_t controlled_shutdown_min_version = 1, controlled_shutdown_max_version = 2;

struct controlled_shutdown_request {
  static constexpr std::string_view message_name = "ControlledShutdownRequest";
  int32_t broker_id = 0;
  int64_t broker_epoch = -1;  // v2+

  static controlled_shutdown_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
};

struct controlled_shutdown_remaining {
  std::string topic_name;
  int32_t partition_index = 0;
  bool operator==(const controlled_shutdown_remaining&) const = default;
};

struct controlled_shutdown_response {
  static constexpr std::string_view message_name = "ControlledShutdownResponse";
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::vector<controlled_shutdown_remaining> remaining_partitions;

  static controlled_shutdown_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
};

}  // namespace kb::protocol
