#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kb::group {

// A committed offset as the coordinator keeps it (Kafka's OffsetAndMetadata).
struct offset_and_metadata {
  int64_t offset = -1;
  int32_t leader_epoch = -1;  // -1: not given (OffsetCommit v6+ carries it)
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
  std::optional<int64_t> expire_timestamp_ms;  // set only by an explicit retention (OffsetCommit v2-4)
  friend bool operator==(const offset_and_metadata&, const offset_and_metadata&) = default;
};

}  // namespace kb::group
