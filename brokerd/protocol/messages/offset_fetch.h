#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// OffsetFetch (key 9), OffsetFetchRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-5 are implemented (v6+ is flexible; v8 adds several groups per request), so this
// is the single-group layout. v1 is v0 (offsets from __consumer_offsets rather than ZooKeeper);
// v2 lets topics be null (every committed partition) and adds the response's top-level
// error_code; v3 adds throttle_time_ms; v4 is v3; v5 adds committed_leader_epoch.
inline constexpr int16_t offset_fetch_min_version = 0, offset_fetch_max_version = 5;

struct offset_fetch_request {
  static constexpr std::string_view message_name = "OffsetFetchRequest";

  struct offset_fetch_request_topic {
    std::string name;
    std::vector<int32_t> partition_indexes;
    friend bool operator==(const offset_fetch_request_topic&, const offset_fetch_request_topic&) = default;
  };

  std::string group_id;
  // null (v2+ only) = every partition the group has committed; Kafka's default for this
  // nullable array is empty. Encoding null at v0-1 throws std::invalid_argument.
  std::optional<std::vector<offset_fetch_request_topic>> topics = std::vector<offset_fetch_request_topic>();

  static offset_fetch_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_fetch_request&, const offset_fetch_request&) = default;
};

struct offset_fetch_response {
  static constexpr std::string_view message_name = "OffsetFetchResponse";

  struct offset_fetch_response_partition {
    int32_t partition_index = 0;
    int64_t committed_offset = 0;  // -1 when the group has no offset for the partition
    int32_t committed_leader_epoch = -1;  // v5+
    std::optional<std::string> metadata = std::string();  // Kafka's default is ""
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    friend bool operator==(const offset_fetch_response_partition&, const offset_fetch_response_partition&) = default;
  };
  struct offset_fetch_response_topic {
    std::string name;
    std::vector<offset_fetch_response_partition> partitions;
    friend bool operator==(const offset_fetch_response_topic&, const offset_fetch_response_topic&) = default;
  };

  int32_t throttle_time_ms = 0;  // v3+
  std::vector<offset_fetch_response_topic> topics;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;  // v2+; after topics on the wire

  static offset_fetch_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_fetch_response&, const offset_fetch_response&) = default;
};

}  // namespace kb::protocol
