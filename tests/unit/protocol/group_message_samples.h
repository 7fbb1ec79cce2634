#pragma once

// Sample messages for the codec tests of the consumer-group APIs: FindCoordinator, JoinGroup,
// SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch, DescribeGroups, ListGroups,
// DeleteGroups and OffsetDelete. `*_at(version)` is what a peer decodes at `version`: every
// field the version carries set to a non-default value, the others left at Kafka's defaults.
// `full_*()` additionally sets the fields that only older versions carry, so encoding it at a
// version must drop exactly what `*_at(version)` leaves at the default.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/delete_groups.h"
#include "brokerd/protocol/messages/describe_groups.h"
#include "brokerd/protocol/messages/find_coordinator.h"
#include "brokerd/protocol/messages/heartbeat.h"
#include "brokerd/protocol/messages/join_group.h"
#include "brokerd/protocol/messages/leave_group.h"
#include "brokerd/protocol/messages/list_groups.h"
#include "brokerd/protocol/messages/offset_commit.h"
#include "brokerd/protocol/messages/offset_delete.h"
#include "brokerd/protocol/messages/offset_fetch.h"
#include "brokerd/protocol/messages/sync_group.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol::samples {

// Only some versions carry the group instance id (KIP-345 static membership).
inline std::optional<std::string> instance_id_if(bool carried) {
  return carried ? std::optional<std::string>("i-1") : std::nullopt;
}

// --- FindCoordinator -----------------------------------------------------------------------

inline find_coordinator_request find_coordinator_request_at(int16_t version) {
  find_coordinator_request m;
  m.key = "tx-1";
  if (version >= 1) m.key_type = coordinator_key_type::transaction;
  return m;
}

inline find_coordinator_response find_coordinator_response_at(int16_t version) {
  find_coordinator_response m;
  if (version >= 1) {
    m.throttle_time_ms = 5;
    m.error_message = "loading";
  }
  m.error_code = error_code::coordinator_load_in_progress;
  m.node_id = 2;
  m.host = "h2";
  m.port = 9093;
  return m;
}

// --- JoinGroup -----------------------------------------------------------------------------

inline join_group_request join_group_request_at(int16_t version) {
  join_group_request m;
  m.group_id = "g";
  m.session_timeout_ms = 10000;
  if (version >= 1) m.rebalance_timeout_ms = 30000;
  m.member_id = "m-1";
  m.group_instance_id = instance_id_if(version >= 5);
  m.protocol_type = "consumer";
  m.protocols = {{"range", bytes_of({0, 1, 2})}, {"roundrobin", {}}};
  return m;
}

inline join_group_response join_group_response_at(int16_t version) {
  join_group_response m;
  if (version >= 2) m.throttle_time_ms = 7;
  m.error_code = error_code::member_id_required;
  m.generation_id = 3;
  m.protocol_name = "range";
  m.leader = "m-1";
  m.member_id = "m-2";
  m.members = {{"m-1", instance_id_if(version >= 5), bytes_of({1, 2})}, {"m-2", std::nullopt, {}}};
  return m;
}

// --- SyncGroup -----------------------------------------------------------------------------

inline sync_group_request sync_group_request_at(int16_t version) {
  sync_group_request m;
  m.group_id = "g";
  m.generation_id = 3;
  m.member_id = "m-1";
  m.group_instance_id = instance_id_if(version >= 3);
  m.assignments = {{"m-1", bytes_of({1, 2, 3})}, {"m-2", {}}};
  return m;
}

inline sync_group_response sync_group_response_at(int16_t version) {
  sync_group_response m;
  if (version >= 1) m.throttle_time_ms = 4;
  m.error_code = error_code::rebalance_in_progress;
  m.assignment = bytes_of({9, 8});
  return m;
}

// --- Heartbeat -----------------------------------------------------------------------------

inline heartbeat_request heartbeat_request_at(int16_t version) {
  heartbeat_request m;
  m.group_id = "g";
  m.generation_id = 3;
  m.member_id = "m-1";
  m.group_instance_id = instance_id_if(version >= 3);
  return m;
}

inline heartbeat_response heartbeat_response_at(int16_t version) {
  heartbeat_response m;
  if (version >= 1) m.throttle_time_ms = 2;
  m.error_code = error_code::illegal_generation;
  return m;
}

// --- LeaveGroup ----------------------------------------------------------------------------

inline leave_group_request leave_group_request_at(int16_t version) {
  leave_group_request m;
  m.group_id = "g";
  if (version <= 2) m.member_id = "m-1";
  if (version >= 3) m.members = {{"m-1", "i-1"}, {"m-2", std::nullopt}};
  return m;
}
// Sets member_id too, which only v0-2 carry.
inline leave_group_request full_leave_group_request() {
  leave_group_request m = leave_group_request_at(leave_group_max_version);
  m.member_id = "m-1";
  return m;
}

inline leave_group_response leave_group_response_at(int16_t version) {
  leave_group_response m;
  if (version >= 1) m.throttle_time_ms = 6;
  m.error_code = error_code::unknown_member_id;
  if (version >= 3) {
    m.members = {{"m-1", "i-1", error_code::none}, {"m-2", std::nullopt, error_code::unknown_member_id}};
  }
  return m;
}

// --- OffsetCommit --------------------------------------------------------------------------

inline offset_commit_request offset_commit_request_at(int16_t version) {
  offset_commit_request m;
  m.group_id = "g";
  if (version >= 1) {
    m.generation_id = 3;
    m.member_id = "m-1";
  }
  m.group_instance_id = instance_id_if(version >= 7);
  if (version >= 2 && version <= 4) m.retention_time_ms = 86400000;
  offset_commit_request::offset_commit_request_partition p0;
  p0.partition_index = 0;
  p0.committed_offset = 100;
  if (version >= 6) p0.committed_leader_epoch = 4;
  if (version == 1) p0.commit_timestamp = 1700000000000;
  p0.committed_metadata = "meta";
  offset_commit_request::offset_commit_request_partition p1;
  p1.partition_index = 1;
  p1.committed_offset = 200;
  p1.committed_metadata = std::nullopt;
  m.topics = {{"t", {p0, p1}}, {"u", {}}};
  return m;
}
// Sets retention_time_ms (v2-4) and commit_timestamp (v1) too.
inline offset_commit_request full_offset_commit_request() {
  offset_commit_request m = offset_commit_request_at(offset_commit_max_version);
  m.retention_time_ms = 86400000;
  m.topics[0].partitions[0].commit_timestamp = 1700000000000;
  return m;
}

inline offset_commit_response offset_commit_response_at(int16_t version) {
  offset_commit_response m;
  if (version >= 3) m.throttle_time_ms = 1;
  m.topics = {{"t", {{0, error_code::none}, {1, error_code::offset_metadata_too_large}}}, {"u", {}}};
  return m;
}

// --- OffsetFetch ---------------------------------------------------------------------------

inline offset_fetch_request offset_fetch_request_at(int16_t /*version*/) {
  offset_fetch_request m;
  m.group_id = "g";
  m.topics = std::vector<offset_fetch_request::offset_fetch_request_topic>{{"t", {0, 1}}, {"u", {}}};
  return m;
}

inline offset_fetch_response offset_fetch_response_at(int16_t version) {
  offset_fetch_response m;
  if (version >= 3) m.throttle_time_ms = 2;
  offset_fetch_response::offset_fetch_response_partition p0;
  p0.partition_index = 0;
  p0.committed_offset = 100;
  if (version >= 5) p0.committed_leader_epoch = 4;
  p0.metadata = "meta";
  offset_fetch_response::offset_fetch_response_partition p1;
  p1.partition_index = 1;
  p1.committed_offset = -1;
  p1.metadata = std::nullopt;
  p1.error_code = error_code::unstable_offset_commit;
  m.topics = {{"t", {p0, p1}}, {"u", {}}};
  if (version >= 2) m.error_code = error_code::group_authorization_failed;
  return m;
}

// --- DescribeGroups ------------------------------------------------------------------------

inline describe_groups_request describe_groups_request_at(int16_t version) {
  describe_groups_request m;
  m.groups = {"g1", "g2"};
  if (version >= 3) m.include_authorized_operations = true;
  return m;
}

inline describe_groups_response describe_groups_response_at(int16_t version) {
  describe_groups_response m;
  if (version >= 1) m.throttle_time_ms = 3;
  describe_groups_response::described_group stable;
  stable.group_id = "g1";
  stable.group_state = "Stable";
  stable.protocol_type = "consumer";
  stable.protocol_data = "range";
  stable.members = {{"m-1", instance_id_if(version >= 4), "client-1", "/10.0.0.1", bytes_of({1}), bytes_of({2, 3})},
                    {"m-2", std::nullopt, "client-2", "/10.0.0.2", {}, {}}};
  if (version >= 3) stable.authorized_operations = 0x1f8;
  describe_groups_response::described_group dead;
  dead.error_code = error_code::group_authorization_failed;
  dead.group_id = "g2";
  dead.group_state = "Dead";
  if (version >= 3) dead.authorized_operations = 0;
  m.groups = {stable, dead};
  return m;
}

// --- ListGroups ----------------------------------------------------------------------------

inline list_groups_request list_groups_request_at(int16_t /*version*/) { return {}; }

inline list_groups_response list_groups_response_at(int16_t version) {
  list_groups_response m;
  if (version >= 1) m.throttle_time_ms = 1;
  m.error_code = error_code::coordinator_not_available;
  m.groups = {{"g1", "consumer"}, {"g2", ""}};
  return m;
}

// --- DeleteGroups --------------------------------------------------------------------------

inline delete_groups_request delete_groups_request_at(int16_t /*version*/) {
  delete_groups_request m;
  m.groups_names = {"g1", "g2"};
  return m;
}

inline delete_groups_response delete_groups_response_at(int16_t /*version*/) {
  delete_groups_response m;
  m.throttle_time_ms = 1;
  m.results = {{"g1", error_code::none}, {"g2", error_code::non_empty_group}};
  return m;
}

// --- OffsetDelete --------------------------------------------------------------------------

inline offset_delete_request offset_delete_request_at(int16_t /*version*/) {
  offset_delete_request m;
  m.group_id = "g";
  m.topics = {{"t", {{0}, {1}}}, {"u", {}}};
  return m;
}

inline offset_delete_response offset_delete_response_at(int16_t /*version*/) {
  offset_delete_response m;
  m.error_code = error_code::group_id_not_found;
  m.throttle_time_ms = 9;
  m.topics = {{"t", {{0, error_code::none}, {1, error_code::group_subscribed_to_topic}}}, {"u", {}}};
  return m;
}

}  // namespace kb::protocol::samples
