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

// DescribeLogDirs (key 35), DescribeLogDirsRequest/Response.json of Kafka 3.7: v1 is v0's
// layout (from v1 a broker answers before it throttles), v2+ are flexible (KIP-482), v3 adds
// the top-level error code and v4 each dir's total and usable bytes (KIP-827).
inline constexpr int16_t describe_log_dirs_min_version = 0, describe_log_dirs_max_version = 4;
inline constexpr int16_t describe_log_dirs_first_flexible_version = 2;

struct describe_log_dirs_request {
  static constexpr std::string_view message_name = "DescribeLogDirsRequest";

  struct describable_log_dir_topic {
    std::string topic;
    std::vector<int32_t> partitions;
    friend bool operator==(const describable_log_dir_topic&, const describable_log_dir_topic&) = default;
  };

  std::optional<std::vector<describable_log_dir_topic>> topics;  // null: every partition

  static describe_log_dirs_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const describe_log_dirs_request&, const describe_log_dirs_request&) = default;
};

struct describe_log_dirs_response {
  static constexpr std::string_view message_name = "DescribeLogDirsResponse";

  struct describe_log_dirs_partition {
    int32_t partition_index = 0;
    int64_t partition_size = 0;  // bytes of its segments
    int64_t offset_lag = 0;      // the high watermark minus the log end, at least 0; -1: unknown
    bool is_future_key = false;  // a log AlterReplicaLogDirs is building (never, here)
    friend bool operator==(const describe_log_dirs_partition&, const describe_log_dirs_partition&) = default;
  };
  struct describe_log_dirs_topic {
    std::string name;
    std::vector<describe_log_dirs_partition> partitions;
    friend bool operator==(const describe_log_dirs_topic&, const describe_log_dirs_topic&) = default;
  };
  struct describe_log_dirs_result {
    kb::protocol::error_code error_code = kb::protocol::error_code::none;  // KAFKA_STORAGE_ERROR: offline
    std::string log_dir;
    std::vector<describe_log_dirs_topic> topics;
    int64_t total_bytes = -1;   // v4+; -1 when unknown
    int64_t usable_bytes = -1;  // v4+
    friend bool operator==(const describe_log_dirs_result&, const describe_log_dirs_result&) = default;
  };

  int32_t throttle_time_ms = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;  // v3+
  std::vector<describe_log_dirs_result> results;

  static describe_log_dirs_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const describe_log_dirs_response&, const describe_log_dirs_response&) = default;
};

}  // namespace kb::protocol
