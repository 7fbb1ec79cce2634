#include "brokerd/config/broker_config.h"

namespace kb::brokerd {

log::log_config broker_config::to_log_config() const {
  log::log_config c;
  c.segment_bytes = static_cast<uint64_t>(log_segment_bytes);
  c.segment_ms = log_roll_ms;
  c.segment_jitter_ms = log_roll_jitter_ms;
  c.index_interval_bytes = static_cast<uint32_t>(log_index_interval_bytes);
  c.max_index_bytes = static_cast<uint32_t>(log_index_size_max_bytes);
  c.retention_ms = log_cleanup_policy.delete_segments ? log_retention_ms : -1;
  c.retention_bytes = log_cleanup_policy.delete_segments ? log_retention_bytes : -1;
  c.flush_interval_messages = log_flush_interval_messages;
  c.flush_interval_ms = log_flush_interval_ms;
  c.max_message_bytes = message_max_bytes;
  return c;
}

}  // namespace kb::brokerd
