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

// CreatePartitions (key 37), CreatePartitionsRequest/Response.json of Kafka 3.7; v2+ are
// flexible. v0 and v1 share one layout (v1 only answers before throttling).
inline constexpr int16_t create_partitions_min_version = 0, create_partitions_max_version = 1;

struct create_partitions_request {
  static constexpr std::string_view message_name = "CreatePartitionsRequest";

  struct create_partitions_assignment {
    std::vector<int32_t> broker_ids;
    friend bool operator==(const create_partitions_assignment&, const create_partitions_assignment&) = default;
  };
  struct create_partitions_topic {
    std::string name;
    int32_t count = 0;  // the new total partition count, not the number to add
    // One entry per new partition, or null to let the broker place them.
    std::optional<std::vector<create_partitions_assignment>> assignments = std::vector<create_partitions_assignment>();
    friend bool operator==(const create_partitions_topic&, const create_partitions_topic&) = default;
  };

  std::vector<create_partitions_topic> topics;
  int32_t timeout_ms = 0;
  bool validate_only = false;

  static create_partitions_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const create_partitions_request&, const create_partitions_request&) = default;
};

struct create_partitions_response {
  static constexpr std::string_view message_name = "CreatePartitionsResponse";

  struct create_partitions_topic_result {
    std::string name;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    std::optional<std::string> error_message;  // null = no error (the schema's default)
    friend bool operator==(const create_partitions_topic_result&, const create_partitions_topic_result&) = default;
  };

  int32_t throttle_time_ms = 0;
  std::vector<create_partitions_topic_result> results;

  static create_partitions_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const create_partitions_response&, const create_partitions_response&) = default;
};

}  // namespace kb::protocol
