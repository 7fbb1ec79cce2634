#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// DeleteTopics (key 20), DeleteTopicsRequest/Response.json of Kafka 3.7; v4+ are flexible.
// v0-v3 requests are identical; v1 adds throttle_time_ms to the response, v3 allows
// TOPIC_DELETION_DISABLED.
inline constexpr int16_t delete_topics_min_version = 0, delete_topics_max_version = 3;

struct delete_topics_request {
  static constexpr std::string_view message_name = "DeleteTopicsRequest";

  std::vector<std::string> topic_names;
  int32_t timeout_ms = 0;

  static delete_topics_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const delete_topics_request&, const delete_topics_request&) = default;
};

struct delete_topics_response {
  static constexpr std::string_view message_name = "DeleteTopicsResponse";

  struct deletable_topic_result {
    std::string name;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    friend bool operator==(const deletable_topic_result&, const deletable_topic_result&) = default;
  };

  int32_t throttle_time_ms = 0;  // v1+
  std::vector<deletable_topic_result> responses;

  static delete_topics_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const delete_topics_response&, const delete_topics_response&) = default;
};

}  // namespace kb::protocol
