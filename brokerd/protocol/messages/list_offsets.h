#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// ListOffsets (key 2), ListOffsetsRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-5 are implemented (v6+ is flexible).
inline constexpr int16_t list_offsets_min_version = 0, list_offsets_max_version = 5;

// Special request timestamps.
inline constexpr int64_t list_offsets_latest_timestamp = -1;
inline constexpr int64_t list_offsets_earliest_timestamp = -2;
// Special replica ids: a consumer's, and a debugging tool's, which any replica answers from
// its log end (Kafka's ListOffsetsRequest.CONSUMER_REPLICA_ID and DEBUGGING_REPLICA_ID).
inline constexpr int32_t list_offsets_consumer_replica_id = -1;
inline constexpr int32_t list_offsets_debugging_replica_id = -2;

struct list_offsets_partition {
  int32_t partition_index = 0;
  int32_t current_leader_epoch = -1;  // v4+
  int64_t timestamp = 0;
  int32_t max_num_offsets = 1;  // v0 only
  friend bool operator==(const list_offsets_partition&, const list_offsets_partition&) = default;
};

struct list_offsets_topic {
  std::string name;
  std::vector<list_offsets_partition> partitions;
  friend bool operator==(const list_offsets_topic&, const list_offsets_topic&) = default;
};

struct list_offsets_request {
  static constexpr std::string_view message_name = "ListOffsetsRequest";

  int32_t replica_id = 0;      // the schema has no default; consumers send -1
  int8_t isolation_level = 0;  // v2+
  std::vector<list_offsets_topic> topics;

  static list_offsets_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const list_offsets_request&, const list_offsets_request&) = default;
};

struct list_offsets_partition_response {
  int32_t partition_index = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::vector<int64_t> old_style_offsets;  // v0 only
  int64_t timestamp = -1;                  // v1+
  int64_t offset = -1;                     // v1+
  int32_t leader_epoch = -1;               // v4+
  friend bool operator==(const list_offsets_partition_response&, const list_offsets_partition_response&) = default;
};

struct list_offsets_topic_response {
  std::string name;
  std::vector<list_offsets_partition_response> partitions;
  friend bool operator==(const list_offsets_topic_response&, const list_offsets_topic_response&) = default;
};

struct list_offsets_response {
  static constexpr std::string_view message_name = "ListOffsetsResponse";

  int32_t throttle_time_ms = 0;  // v2+
  std::vector<list_offsets_topic_response> topics;

  static list_offsets_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const list_offsets_response&, const list_offsets_response&) = default;
};

}  // namespace kb::protocol
