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

// CreateTopics (key 19), CreateTopicsRequest/Response.json of Kafka 3.7; v5+ are flexible.
// v1 adds validate_only and error_message, v2 throttle_time_ms; v3 and v4 change only
// semantics (v4: num_partitions and replication_factor may be -1 = broker default).
inline constexpr int16_t create_topics_min_version = 0, create_topics_max_version = 4;

struct create_topics_request {
  static constexpr std::string_view message_name = "CreateTopicsRequest";

  struct creatable_replica_assignment {
    int32_t partition_index = 0;
    std::vector<int32_t> broker_ids;
    friend bool operator==(const creatable_replica_assignment&, const creatable_replica_assignment&) = default;
  };
  // Kafka's schema spells this type "CreateableTopicConfig".
  struct createable_topic_config {
    std::string name;
    std::optional<std::string> value = std::string();  // null = unset; Kafka's default is ""
    friend bool operator==(const createable_topic_config&, const createable_topic_config&) = default;
  };
  struct creatable_topic {
    std::string name;
    int32_t num_partitions = 0;      // -1 with manual assignments or (v4+) for the broker default
    int16_t replication_factor = 0;  // -1 with manual assignments or (v4+) for the broker default
    std::vector<creatable_replica_assignment> assignments;  // empty = automatic assignment
    std::vector<createable_topic_config> configs;
    friend bool operator==(const creatable_topic&, const creatable_topic&) = default;
  };

  std::vector<creatable_topic> topics;
  int32_t timeout_ms = 60000;
  bool validate_only = false;  // v1+; not written to v0

  static create_topics_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const create_topics_request&, const create_topics_request&) = default;
};

struct create_topics_response {
  static constexpr std::string_view message_name = "CreateTopicsResponse";

  struct creatable_topic_result {
    std::string name;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    std::optional<std::string> error_message = std::string();  // v1+; null = no error; Kafka's default is ""
    friend bool operator==(const creatable_topic_result&, const creatable_topic_result&) = default;
  };

  int32_t throttle_time_ms = 0;  // v2+
  std::vector<creatable_topic_result> topics;

  static create_topics_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const create_topics_response&, const create_topics_response&) = default;
};

}  // namespace kb::protocol
