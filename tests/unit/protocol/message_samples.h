#pragma once

// Sample messages for the codec tests of ApiVersions, Metadata, Produce, Fetch, ListOffsets,
// InitProducerId and OffsetForLeaderEpoch. `full_*()` sets every field to a non-default value;
// `*_at(version)` is what a peer decodes at `version`: the full message with the fields that
// version lacks reset to Kafka's defaults.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/api_versions.h"
#include "brokerd/protocol/messages/fetch.h"
#include "brokerd/protocol/messages/init_producer_id.h"
#include "brokerd/protocol/messages/list_offsets.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/protocol/messages/offset_for_leader_epoch.h"
#include "brokerd/protocol/messages/produce.h"

namespace kb::protocol::samples {

inline std::vector<std::byte> bytes_of(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

// --- ApiVersions ---------------------------------------------------------------------------

inline api_versions_request api_versions_request_at(int16_t version) {
  api_versions_request m;
  if (version >= 3) {
    m.client_software_name = "librdkafka";
    m.client_software_version = "2.0.2";
  }
  return m;
}
inline api_versions_request full_api_versions_request() { return api_versions_request_at(api_versions_max_version); }

inline api_versions_response api_versions_response_at(int16_t version) {
  api_versions_response m;
  m.error_code = error_code::unsupported_version;
  m.api_keys = {{0, 0, 7}, {1, 0, 11}, {18, 0, 3}};
  if (version >= 1) m.throttle_time_ms = 250;
  return m;
}
inline api_versions_response full_api_versions_response() { return api_versions_response_at(api_versions_max_version); }

// --- Metadata ------------------------------------------------------------------------------

inline metadata_request metadata_request_at(int16_t version) {
  metadata_request m;
  m.topics = std::vector<metadata_request_topic>{{"a"}, {"bc"}};
  if (version >= 4) m.allow_auto_topic_creation = false;
  if (version >= 8) {
    m.include_cluster_authorized_operations = true;
    m.include_topic_authorized_operations = true;
  }
  return m;
}
inline metadata_request full_metadata_request() { return metadata_request_at(metadata_max_version); }

inline metadata_response metadata_response_at(int16_t version) {
  metadata_response m;
  if (version >= 3) m.throttle_time_ms = 7;
  m.brokers = {{1, "h1", 9092, version >= 1 ? std::optional<std::string>("r1") : std::nullopt},
               {2, "host2", 9093, std::nullopt}};
  if (version >= 2) m.cluster_id = "cid";
  if (version >= 1) m.controller_id = 2;
  metadata_response_partition p;
  p.error_code = error_code::not_leader_or_follower;
  p.partition_index = 0;
  p.leader_id = 1;
  if (version >= 7) p.leader_epoch = 4;
  p.replica_nodes = {1, 2};
  p.isr_nodes = {1};
  if (version >= 5) p.offline_replicas = {2};
  metadata_response_topic t;
  t.error_code = error_code::unknown_topic_or_partition;
  t.name = "t";
  if (version >= 1) t.is_internal = true;
  t.partitions = {p};
  if (version >= 8) t.topic_authorized_operations = 0x0f;
  m.topics = {t};
  if (version >= 8) m.cluster_authorized_operations = 0x1f;
  return m;
}
inline metadata_response full_metadata_response() { return metadata_response_at(metadata_max_version); }

// --- Produce -------------------------------------------------------------------------------

// The request's records views point into `records`, which the caller keeps alive.
inline produce_request produce_request_at(int16_t version, std::vector<std::byte>& records) {
  produce_request m;
  if (version >= 3) m.transactional_id = "tx";
  m.acks = -1;
  m.timeout_ms = 30000;
  m.topic_data = {{"t", {{0, std::span<std::byte>(records)}, {1, std::nullopt}}}};
  return m;
}

inline produce_response produce_response_at(int16_t version) {
  produce_partition_response p;
  p.index = 1;
  p.error_code = error_code::duplicate_sequence_number;
  p.base_offset = 100;
  if (version >= 2) p.log_append_time_ms = 1234;
  if (version >= 5) p.log_start_offset = 5;
  if (version >= 8) {
    p.record_errors = {{0, "bad"}, {3, std::nullopt}};
    p.error_message = "msg";
  }
  produce_response m;
  m.responses = {{"t", {p}}};
  if (version >= 1) m.throttle_time_ms = 9;
  return m;
}
inline produce_response full_produce_response() { return produce_response_at(produce_max_version); }

// --- Fetch ---------------------------------------------------------------------------------

inline fetch_request fetch_request_at(int16_t version) {
  fetch_request m;
  m.replica_id = 3;
  m.max_wait_ms = 500;
  m.min_bytes = 1;
  if (version >= 3) m.max_bytes = 1000;
  if (version >= 4) m.isolation_level = 1;
  if (version >= 7) {
    m.session_id = 7;
    m.session_epoch = 8;
  }
  fetch_request_partition p;
  p.partition = 2;
  if (version >= 9) p.current_leader_epoch = 5;
  p.fetch_offset = 100;
  if (version >= 5) p.log_start_offset = 10;
  p.partition_max_bytes = 1 << 20;
  m.topics = {{"t", {p}}};
  if (version >= 7) m.forgotten_topics_data = {{"f", {1, 2}}};
  if (version >= 11) m.rack_id = "r";
  return m;
}
inline fetch_request full_fetch_request() { return fetch_request_at(fetch_max_version); }

// Two partitions: one with data and an aborted transaction, one errored with no data and a
// null aborted-transaction list.
inline fetch_response fetch_response_at(int16_t version) {
  fetch_response m;
  if (version >= 1) m.throttle_time_ms = 11;
  if (version >= 7) {
    m.error_code = error_code::invalid_fetch_session_epoch;
    m.session_id = 42;
  }
  fetch_response_partition p0;
  p0.partition_index = 0;
  p0.high_watermark = 100;
  if (version >= 4) {
    p0.last_stable_offset = 90;
    p0.aborted_transactions = std::vector<fetch_aborted_transaction>{{5, 80}};
  }
  if (version >= 5) p0.log_start_offset = 1;
  if (version >= 11) p0.preferred_read_replica = 2;
  p0.records = bytes_of({1, 2, 3});
  fetch_response_partition p1;
  p1.partition_index = 1;
  p1.error_code = error_code::offset_out_of_range;
  p1.high_watermark = -1;
  if (version >= 4) p1.aborted_transactions.reset();
  m.responses = {{"t", {p0, p1}}};
  return m;
}

// --- ListOffsets ---------------------------------------------------------------------------

inline list_offsets_request list_offsets_request_at(int16_t version) {
  list_offsets_request m;
  m.replica_id = 3;
  if (version >= 2) m.isolation_level = 1;
  list_offsets_partition p;
  p.partition_index = 1;
  if (version >= 4) p.current_leader_epoch = 4;
  p.timestamp = list_offsets_earliest_timestamp;
  if (version == 0) p.max_num_offsets = 5;
  m.topics = {{"t", {p}}};
  return m;
}
// Sets max_num_offsets too, which only v0 carries.
inline list_offsets_request full_list_offsets_request() {
  list_offsets_request m = list_offsets_request_at(list_offsets_max_version);
  m.topics[0].partitions[0].max_num_offsets = 5;
  return m;
}

inline list_offsets_response list_offsets_response_at(int16_t version) {
  list_offsets_response m;
  if (version >= 2) m.throttle_time_ms = 6;
  list_offsets_partition_response p;
  p.partition_index = 1;
  p.error_code = error_code::offset_not_available;
  if (version == 0) p.old_style_offsets = {10, 0};
  if (version >= 1) {
    p.timestamp = 1000;
    p.offset = 42;
  }
  if (version >= 4) p.leader_epoch = 3;
  m.topics = {{"t", {p}}};
  return m;
}

// Sets old_style_offsets too, which only v0 carries.
inline list_offsets_response full_list_offsets_response() {
  list_offsets_response m = list_offsets_response_at(list_offsets_max_version);
  m.topics[0].partitions[0].old_style_offsets = {10, 0};
  return m;
}

// --- InitProducerId ------------------------------------------------------------------------

inline init_producer_id_request init_producer_id_request_at(int16_t /*version*/) {
  init_producer_id_request m;
  m.transactional_id = "tx";
  m.transaction_timeout_ms = 60000;
  return m;
}

inline init_producer_id_response init_producer_id_response_at(int16_t /*version*/) {
  init_producer_id_response m;
  m.throttle_time_ms = 3;
  m.error_code = error_code::concurrent_transactions;
  m.producer_id = 1000;
  m.producer_epoch = 2;
  return m;
}

// --- OffsetForLeaderEpoch ------------------------------------------------------------------

inline offset_for_leader_epoch_request offset_for_leader_epoch_request_at(int16_t version) {
  offset_for_leader_epoch_request m;
  if (version >= 3) m.replica_id = 1;
  offset_for_leader_partition p;
  p.partition = 0;
  if (version >= 2) p.current_leader_epoch = 5;
  p.leader_epoch = 4;
  m.topics = {{"t", {p}}};
  return m;
}

inline offset_for_leader_epoch_response offset_for_leader_epoch_response_at(int16_t version) {
  offset_for_leader_epoch_response m;
  if (version >= 2) m.throttle_time_ms = 8;
  epoch_end_offset p;
  p.error_code = error_code::fenced_leader_epoch;
  p.partition = 0;
  if (version >= 1) p.leader_epoch = 3;
  p.end_offset = 100;
  m.topics = {{"t", {p}}};
  return m;
}

}  // namespace kb::protocol::samples
