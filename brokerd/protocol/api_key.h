#pragma once

#include <cstdint>
#include <string_view>

namespace kb::protocol {

// Kafka API keys (the int16 at the start of every request header).
enum class api_key : int16_t {
  produce = 0,
  fetch = 1,
  list_offsets = 2,
  metadata = 3,
  leader_and_isr = 4,
  stop_replica = 5,
  update_metadata = 6,
  controlled_shutdown = 7,
  offset_commit = 8,
  offset_fetch = 9,
  find_coordinator = 10,
  join_group = 11,
  heartbeat = 12,
  leave_group = 13,
  sync_group = 14,
  describe_groups = 15,
  list_groups = 16,
  sasl_handshake = 17,
  api_versions = 18,
  create_topics = 19,
  delete_topics = 20,
  delete_records = 21,
  init_producer_id = 22,
  offset_for_leader_epoch = 23,
  describe_configs = 32,
  alter_configs = 33,
  describe_log_dirs = 35,
  create_partitions = 37,
  delete_groups = 42,
  elect_leaders = 43,
  incremental_alter_configs = 44,
  alter_partition_reassignments = 45,
  list_partition_reassignments = 46,
  offset_delete = 47,
  describe_cluster = 60,
};

// "Produce", "Fetch", ... as Kafka names them in logs; "Unknown(n)" is not returned: callers
// print the number for keys outside this enum.
std::string_view name(api_key k);

}  // namespace kb::protocol
