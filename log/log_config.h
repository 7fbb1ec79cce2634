#pragma once

#include <cstdint>
#include <limits>

namespace kb::log {

// Per-log settings. Defaults are Apache Kafka's broker defaults; the comment names the topic
// config key and the broker key it defaults from.
struct log_config {
  uint64_t segment_bytes = 1ull << 30;             // segment.bytes / log.segment.bytes
  int64_t segment_ms = 7ll * 24 * 3600 * 1000;     // segment.ms / log.roll.ms|hours (168 h)
  int64_t segment_jitter_ms = 0;                   // segment.jitter.ms / log.roll.jitter.ms|hours
  uint32_t index_interval_bytes = 4096;            // index.interval.bytes / log.index.interval.bytes
  uint32_t max_index_bytes = 10u << 20;            // segment.index.bytes / log.index.size.max.bytes
  int64_t retention_ms = 7ll * 24 * 3600 * 1000;   // retention.ms / log.retention.ms|minutes|hours; < 0 = forever
  int64_t retention_bytes = -1;                    // retention.bytes / log.retention.bytes; < 0 = unlimited
  int64_t flush_interval_messages = std::numeric_limits<int64_t>::max();  // flush.messages / log.flush.interval.messages
  int64_t flush_interval_ms = std::numeric_limits<int64_t>::max();        // flush.ms / log.flush.interval.ms
  int32_t max_message_bytes = 1048588;             // max.message.bytes / message.max.bytes
};

}  // namespace kb::log
