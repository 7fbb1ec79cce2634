#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// DeleteRecords (key 21), DeleteRecordsRequest/Response.json of Kafka 3.7; v2+ are flexible.
// v0 and v1 share one layout (v1 only answers before throttling).
inline constexpr int16_t delete_records_min_version = 0, delete_records_max_version = 1;

struct delete_records_request {
  static constexpr std::string_view message_name = "DeleteRecordsRequest";

  struct delete_records_partition {
    int32_t partition_index = 0;
    int64_t offset = 0;  // the new log start offset; -1 means the high watermark
    friend bool operator==(const delete_records_partition&, const delete_records_partition&) = default;
  };
  struct delete_records_topic {
    std::string name;
    std::vector<delete_records_partition> partitions;
    friend bool operator==(const delete_records_topic&, const delete_records_topic&) = default;
  };

  std::vector<delete_records_topic> topics;
  int32_t timeout_ms = 0;

  static delete_records_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const delete_records_request&, const delete_records_request&) = default;
};

struct delete_records_response {
  static constexpr std::string_view message_name = "DeleteRecordsResponse";

  struct delete_records_partition_result {
    int32_t partition_index = 0;
    int64_t low_watermark = 0;  // the log start offset after the deletion
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    friend bool operator==(const delete_records_partition_result&, const delete_records_partition_result&) = default;
  };
  struct delete_records_topic_result {
    std::string name;
    std::vector<delete_records_partition_result> partitions;
    friend bool operator==(const delete_records_topic_result&, const delete_records_topic_result&) = default;
  };

  int32_t throttle_time_ms = 0;
  std::vector<delete_records_topic_result> topics;

  static delete_records_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const delete_records_response&, const delete_records_response&) = default;
};

}  // namespace kb::protocol
