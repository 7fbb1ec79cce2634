#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// Produce (key 0), ProduceRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-8 are implemented (v9+ is flexible).
inline constexpr int16_t produce_min_version = 0, produce_max_version = 8;

struct produce_request_partition {
  int32_t index = 0;
  // A view into the decoded request frame (zero copy), mutable so that the broker can
  // assign offsets in place. Valid only while that frame is alive. Null on the wire = nullopt.
  std::optional<std::span<std::byte>> records;
};

struct produce_request_topic {
  std::string name;
  std::vector<produce_request_partition> partition_data;
};

struct produce_request {
  static constexpr std::string_view message_name = "ProduceRequest";

  std::optional<std::string> transactional_id;  // v3+
  int16_t acks = 0;
  int32_t timeout_ms = 0;
  std::vector<produce_request_topic> topic_data;

  // Decodes a whole request body (trailing bytes are malformed). The records views point
  // into `body`, which must outlive the result.
  static produce_request decode(std::span<std::byte> body, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
};

struct produce_batch_index_error {
  int32_t batch_index = 0;
  std::optional<std::string> batch_index_error_message;
  friend bool operator==(const produce_batch_index_error&, const produce_batch_index_error&) = default;
};

struct produce_partition_response {
  int32_t index = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  int64_t base_offset = 0;
  int64_t log_append_time_ms = -1;                      // v2+; -1 unless LogAppendTime
  int64_t log_start_offset = -1;                        // v5+
  std::vector<produce_batch_index_error> record_errors;  // v8+
  std::optional<std::string> error_message;             // v8+
  friend bool operator==(const produce_partition_response&, const produce_partition_response&) = default;
};

struct produce_topic_response {
  std::string name;
  std::vector<produce_partition_response> partition_responses;
  friend bool operator==(const produce_topic_response&, const produce_topic_response&) = default;
};

struct produce_response {
  static constexpr std::string_view message_name = "ProduceResponse";

  std::vector<produce_topic_response> responses;
  int32_t throttle_time_ms = 0;  // v1+, written after the topics (unlike most responses)

  static produce_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const produce_response&, const produce_response&) = default;
};

}  // namespace kb::protocol
