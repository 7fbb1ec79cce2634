#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// OffsetDelete (key 47), OffsetDeleteRequest/Response.json of Kafka 3.7 (KIP-496). Version 0
// is the only version, and it is not flexible.
inline constexpr int16_t offset_delete_min_version = 0, offset_delete_max_version = 0;

struct offset_delete_request {
  static constexpr std::string_view message_name = "OffsetDeleteRequest";

  struct offset_delete_request_partition {
    int32_t partition_index = 0;
    friend bool operator==(const offset_delete_request_partition&, const offset_delete_request_partition&) = default;
  };
  struct offset_delete_request_topic {
    std::string name;
    std::vector<offset_delete_request_partition> partitions;
    friend bool operator==(const offset_delete_request_topic&, const offset_delete_request_topic&) = default;
  };

  std::string group_id;
  std::vector<offset_delete_request_topic> topics;

  static offset_delete_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_delete_request&, const offset_delete_request&) = default;
};

struct offset_delete_response {
  static constexpr std::string_view message_name = "OffsetDeleteResponse";

  struct offset_delete_response_partition {
    int32_t partition_index = 0;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    friend bool operator==(const offset_delete_response_partition&, const offset_delete_response_partition&) = default;
  };
  struct offset_delete_response_topic {
    std::string name;
    std::vector<offset_delete_response_partition> partitions;
    friend bool operator==(const offset_delete_response_topic&, const offset_delete_response_topic&) = default;
  };

  kb::protocol::error_code error_code = kb::protocol::error_code::none;  // group-level (e.g. not_coordinator)
  int32_t throttle_time_ms = 0;
  std::vector<offset_delete_response_topic> topics;

  static offset_delete_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_delete_response&, const offset_delete_response&) = default;
};

}  // namespace kb::protocol
