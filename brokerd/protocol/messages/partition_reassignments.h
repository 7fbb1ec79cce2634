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

// AlterPartitionReassignments (key 45) and ListPartitionReassignments (key 46), KIP-455:
// Alter/ListPartitionReassignmentsRequest/Response.json of Kafka 3.x. Version 0 only, which
// is flexible (compact strings and arrays, tagged fields, request header v2).
inline constexpr int16_t alter_partition_reassignments_min_version = 0, alter_partition_reassignments_max_version = 0;
inline constexpr int16_t list_partition_reassignments_min_version = 0, list_partition_reassignments_max_version = 0;
inline constexpr int16_t partition_reassignments_first_flexible_version = 0;

struct alter_partition_reassignments_request {
  static constexpr std::string_view message_name = "AlterPartitionReassignmentsRequest";

  struct reassignable_partition {
    int32_t partition_index = 0;
    std::optional<std::vector<int32_t>> replicas;  // null cancels the reassignment in progress
    friend bool operator==(const reassignable_partition&, const reassignable_partition&) = default;
  };
  struct reassignable_topic {
    std::string name;
    std::vector<reassignable_partition> partitions;
    friend bool operator==(const reassignable_topic&, const reassignable_topic&) = default;
  };

  int32_t timeout_ms = 60000;
  std::vector<reassignable_topic> topics;

  static alter_partition_reassignments_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const alter_partition_reassignments_request&,
                         const alter_partition_reassignments_request&) = default;
};

struct alter_partition_reassignments_response {
  static constexpr std::string_view message_name = "AlterPartitionReassignmentsResponse";

  struct partition_response {
    int32_t partition_index = 0;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    std::optional<std::string> error_message;  // null when there was no error
    friend bool operator==(const partition_response&, const partition_response&) = default;
  };
  struct topic_response {
    std::string name;
    std::vector<partition_response> partitions;
    friend bool operator==(const topic_response&, const topic_response&) = default;
  };

  int32_t throttle_time_ms = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::optional<std::string> error_message;
  std::vector<topic_response> responses;

  static alter_partition_reassignments_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const alter_partition_reassignments_response&,
                         const alter_partition_reassignments_response&) = default;
};

struct list_partition_reassignments_request {
  static constexpr std::string_view message_name = "ListPartitionReassignmentsRequest";

  struct listed_topic {
    std::string name;
    std::vector<int32_t> partition_indexes;
    friend bool operator==(const listed_topic&, const listed_topic&) = default;
  };

  int32_t timeout_ms = 60000;
  std::optional<std::vector<listed_topic>> topics;  // null lists every reassignment in progress

  static list_partition_reassignments_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const list_partition_reassignments_request&,
                         const list_partition_reassignments_request&) = default;
};

struct list_partition_reassignments_response {
  static constexpr std::string_view message_name = "ListPartitionReassignmentsResponse";

  struct ongoing_partition {
    int32_t partition_index = 0;
    std::vector<int32_t> replicas;  // the full replica set, target first
    std::vector<int32_t> adding_replicas;
    std::vector<int32_t> removing_replicas;
    friend bool operator==(const ongoing_partition&, const ongoing_partition&) = default;
  };
  struct ongoing_topic {
    std::string name;
    std::vector<ongoing_partition> partitions;
    friend bool operator==(const ongoing_topic&, const ongoing_topic&) = default;
  };

  int32_t throttle_time_ms = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::optional<std::string> error_message;
  std::vector<ongoing_topic> topics;

  static list_partition_reassignments_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const list_partition_reassignments_response&,
                         const list_partition_reassignments_response&) = default;
};

}  // namespace kb::protocol
