#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/response_buffer.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"
#include "log/segment.h"

namespace kb::protocol {

// Fetch (key 1), FetchRequest/Response.json of Kafka 3.7. Only the non-flexible versions
// 0-11 are implemented (v12+ is flexible). The broker decodes requests and encodes responses
// into a response_buffer (log data by reference); replication followers use the other two.
inline constexpr int16_t fetch_min_version = 0, fetch_max_version = 11;

struct fetch_request_partition {
  int32_t partition = 0;
  int32_t current_leader_epoch = -1;  // v9+
  int64_t fetch_offset = 0;
  int64_t log_start_offset = -1;  // v5+; only followers set it
  int32_t partition_max_bytes = 0;
  friend bool operator==(const fetch_request_partition&, const fetch_request_partition&) = default;
};

struct fetch_request_topic {
  std::string topic;
  std::vector<fetch_request_partition> partitions;
  friend bool operator==(const fetch_request_topic&, const fetch_request_topic&) = default;
};

struct fetch_forgotten_topic {
  std::string topic;
  std::vector<int32_t> partitions;
  friend bool operator==(const fetch_forgotten_topic&, const fetch_forgotten_topic&) = default;
};

struct fetch_request {
  static constexpr std::string_view message_name = "FetchRequest";

  int32_t replica_id = -1;  // a broker id for followers, -1 for consumers
  int32_t max_wait_ms = 0;
  int32_t min_bytes = 0;
  int32_t max_bytes = INT32_MAX;  // v3+
  int8_t isolation_level = 0;     // v4+; 0 read_uncommitted, 1 read_committed
  int32_t session_id = 0;         // v7+
  int32_t session_epoch = -1;     // v7+
  std::vector<fetch_request_topic> topics;
  std::vector<fetch_forgotten_topic> forgotten_topics_data;  // v7+
  std::string rack_id;                                       // v11+

  static fetch_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const fetch_request&, const fetch_request&) = default;
};

struct fetch_aborted_transaction {
  int64_t producer_id = 0;
  int64_t first_offset = 0;
  friend bool operator==(const fetch_aborted_transaction&, const fetch_aborted_transaction&) = default;
};

// A partition's record data: nothing (written as length 0, never null: kafka-go 0.2.1
// compares the size with the bytes left), owned bytes (down-converted data, or what a
// decoded response carried), or a slice of a segment file sent with sendfile.
using fetch_records = std::variant<std::monostate, std::vector<std::byte>, log::file_slice>;

// The encoded length of `records`.
size_t fetch_records_size(const fetch_records& records);

struct fetch_response_partition {
  int32_t partition_index = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  int64_t high_watermark = 0;
  int64_t last_stable_offset = -1;  // v4+
  int64_t log_start_offset = -1;    // v5+
  // v4+, nullable (null = count -1). The schema default is the empty list; Kafka 3.7's
  // broker sends null to read_uncommitted fetches and the list to read_committed ones.
  std::optional<std::vector<fetch_aborted_transaction>> aborted_transactions =
      std::vector<fetch_aborted_transaction>{};
  int32_t preferred_read_replica = -1;  // v11+
  fetch_records records;
};

struct fetch_response_topic {
  std::string topic;
  std::vector<fetch_response_partition> partitions;
};

struct fetch_response {
  static constexpr std::string_view message_name = "FetchResponse";

  int32_t throttle_time_ms = 0;  // v1+, first field
  kb::protocol::error_code error_code = kb::protocol::error_code::none;  // v7+
  int32_t session_id = 0;                                                 // v7+
  std::vector<fetch_response_topic> responses;

  // Decoded records are copied into owned bytes; null and empty records decode as monostate.
  static fetch_response decode(wire_reader& r, int16_t version);
  // Memory records are copied into `out`; file slices are appended by reference after
  // their int32 length.
  void encode(response_buffer& out, int16_t version) const;
};

}  // namespace kb::protocol
