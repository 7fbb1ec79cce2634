#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// OffsetForLeaderEpoch (key 23), OffsetForLeaderEpochRequest/Response.json of Kafka 3.7.
// Only the non-flexible versions 0-3 are implemented (v4+ is flexible). Followers send it
// to find where their log diverges from the leader's.
inline constexpr int16_t offset_for_leader_epoch_min_version = 0, offset_for_leader_epoch_max_version = 3;

// replica_id of a "debug" consumer (may see offsets beyond the high watermark).
inline constexpr int32_t offset_for_leader_epoch_debug_replica_id = -2;

struct offset_for_leader_partition {
  int32_t partition = 0;
  int32_t current_leader_epoch = -1;  // v2+
  int32_t leader_epoch = 0;
  friend bool operator==(const offset_for_leader_partition&, const offset_for_leader_partition&) = default;
};

struct offset_for_leader_topic {
  std::string topic;
  std::vector<offset_for_leader_partition> partitions;
  friend bool operator==(const offset_for_leader_topic&, const offset_for_leader_topic&) = default;
};

struct offset_for_leader_epoch_request {
  static constexpr std::string_view message_name = "OffsetForLeaderEpochRequest";

  int32_t replica_id = offset_for_leader_epoch_debug_replica_id;  // v3+
  std::vector<offset_for_leader_topic> topics;

  static offset_for_leader_epoch_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_for_leader_epoch_request&, const offset_for_leader_epoch_request&) = default;
};

struct epoch_end_offset {
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  int32_t partition = 0;
  int32_t leader_epoch = -1;  // v1+
  int64_t end_offset = -1;
  friend bool operator==(const epoch_end_offset&, const epoch_end_offset&) = default;
};

struct offset_for_leader_topic_result {
  std::string topic;
  std::vector<epoch_end_offset> partitions;
  friend bool operator==(const offset_for_leader_topic_result&, const offset_for_leader_topic_result&) = default;
};

struct offset_for_leader_epoch_response {
  static constexpr std::string_view message_name = "OffsetForLeaderEpochResponse";

  int32_t throttle_time_ms = 0;  // v2+
  std::vector<offset_for_leader_topic_result> topics;

  static offset_for_leader_epoch_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_for_leader_epoch_response&, const offset_for_leader_epoch_response&) = default;
};

}  // namespace kb::protocol
