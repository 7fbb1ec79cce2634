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

// OffsetCommit (key 8), OffsetCommitRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-7 are implemented (v8+ is flexible). v1 adds generation_id, member_id and a
// per-partition commit_timestamp; v2 drops commit_timestamp for a request-wide
// retention_time_ms; v3 adds the response's throttle_time_ms; v4 is v3; v5 drops
// retention_time_ms; v6 adds committed_leader_epoch; v7 adds group_instance_id (KIP-345).
inline constexpr int16_t offset_commit_min_version = 0, offset_commit_max_version = 7;

struct offset_commit_request {
  static constexpr std::string_view message_name = "OffsetCommitRequest";

  struct offset_commit_request_partition {
    int32_t partition_index = 0;
    int64_t committed_offset = 0;
    int32_t committed_leader_epoch = -1;  // v6+
    int64_t commit_timestamp = -1;        // v1 only
    std::optional<std::string> committed_metadata = std::string();  // Kafka's default is ""
    friend bool operator==(const offset_commit_request_partition&, const offset_commit_request_partition&) = default;
  };
  struct offset_commit_request_topic {
    std::string name;
    std::vector<offset_commit_request_partition> partitions;
    friend bool operator==(const offset_commit_request_topic&, const offset_commit_request_topic&) = default;
  };

  std::string group_id;
  // v1+. Kafka 3.7 names it GenerationIdOrMemberEpoch (the member epoch is for the KIP-848
  // protocol, v9+); in these versions it is always the generation. -1 for a standalone
  // consumer that commits without joining the group.
  int32_t generation_id = -1;
  std::string member_id;                         // v1+
  std::optional<std::string> group_instance_id;  // v7+
  int64_t retention_time_ms = -1;                // v2-4; -1 = the broker's offsets.retention.minutes
  std::vector<offset_commit_request_topic> topics;

  static offset_commit_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_commit_request&, const offset_commit_request&) = default;
};

struct offset_commit_response {
  static constexpr std::string_view message_name = "OffsetCommitResponse";

  struct offset_commit_response_partition {
    int32_t partition_index = 0;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    friend bool operator==(const offset_commit_response_partition&, const offset_commit_response_partition&) = default;
  };
  struct offset_commit_response_topic {
    std::string name;
    std::vector<offset_commit_response_partition> partitions;
    friend bool operator==(const offset_commit_response_topic&, const offset_commit_response_topic&) = default;
  };

  int32_t throttle_time_ms = 0;  // v3+
  std::vector<offset_commit_response_topic> topics;

  static offset_commit_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const offset_commit_response&, const offset_commit_response&) = default;
};

}  // namespace kb::protocol
