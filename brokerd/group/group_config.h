#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace kb::group {

inline const std::string offsets_topic = "__consumer_offsets";

// The group coordinator's broker settings, with Kafka's names and defaults.
struct group_config {
  int32_t min_session_timeout_ms = 6000;                                // group.min.session.timeout.ms
  int32_t max_session_timeout_ms = 1800000;                             // group.max.session.timeout.ms
  int32_t max_size = std::numeric_limits<int32_t>::max();               // group.max.size
  int32_t initial_rebalance_delay_ms = 3000;                            // group.initial.rebalance.delay.ms
  int32_t offsets_topic_num_partitions = 50;                            // offsets.topic.num.partitions
  int16_t offsets_topic_replication_factor = 3;                         // offsets.topic.replication.factor
  int32_t offsets_topic_segment_bytes = 104857600;                      // offsets.topic.segment.bytes
  int64_t offsets_retention_ms = int64_t{10080} * 60 * 1000;            // offsets.retention.minutes (7 days)
  int64_t offsets_retention_check_interval_ms = 600000;                 // offsets.retention.check.interval.ms
  int32_t offsets_commit_timeout_ms = 5000;                             // offsets.commit.timeout.ms
  int32_t offset_metadata_max_bytes = 4096;                             // offset.metadata.max.bytes
  int32_t offsets_load_buffer_size = 5242880;                           // offsets.load.buffer.size
};

// How long a new member's JoinGroup may wait before it is dropped (Kafka's
// NewMemberJoinTimeoutMs): it cannot heartbeat until it has its member id.
inline constexpr int32_t new_member_join_timeout_ms = 5 * 60 * 1000;

}  // namespace kb::group
