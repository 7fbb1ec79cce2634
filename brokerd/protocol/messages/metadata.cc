#include "brokerd/protocol/messages/metadata.h"

#include "brokerd/protocol/messages/scalar_arrays.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
// Smallest encodings, used to bound array counts by the bytes left.
constexpr size_t min_request_topic_bytes = 2;    // name
constexpr size_t min_broker_bytes = 10;          // node_id, host, port
constexpr size_t min_topic_bytes = 8;            // error, name, partitions
constexpr size_t min_partition_bytes = 18;       // error, index, leader, replicas, isr

metadata_response_partition read_partition(wire_reader& r, int16_t version) {
  metadata_response_partition p;
  p.error_code = static_cast<error_code>(r.i16());
  p.partition_index = r.i32();
  p.leader_id = r.i32();
  if (version >= 7) p.leader_epoch = r.i32();
  p.replica_nodes = read_int32_array(r);
  p.isr_nodes = read_int32_array(r);
  if (version >= 5) p.offline_replicas = read_int32_array(r);
  return p;
}

void write_partition(wire_writer& w, const metadata_response_partition& p, int16_t version) {
  w.i16(static_cast<int16_t>(p.error_code));
  w.i32(p.partition_index);
  w.i32(p.leader_id);
  if (version >= 7) w.i32(p.leader_epoch);
  write_int32_array(w, p.replica_nodes);
  write_int32_array(w, p.isr_nodes);
  if (version >= 5) write_int32_array(w, p.offline_replicas);
}

metadata_response_topic read_topic(wire_reader& r, int16_t version) {
  metadata_response_topic t;
  t.error_code = static_cast<error_code>(r.i16());
  t.name = r.string();
  if (version >= 1) t.is_internal = r.boolean();
  int32_t n = read_array_count(r, min_partition_bytes);
  t.partitions.reserve(n);
  for (int32_t i = 0; i < n; ++i) t.partitions.push_back(read_partition(r, version));
  if (version >= 8) t.topic_authorized_operations = r.i32();
  return t;
}

void write_topic(wire_writer& w, const metadata_response_topic& t, int16_t version) {
  w.i16(static_cast<int16_t>(t.error_code));
  w.string(t.name);
  if (version >= 1) w.boolean(t.is_internal);
  w.array_length(static_cast<int32_t>(t.partitions.size()));
  for (const auto& p : t.partitions) write_partition(w, p, version);
  if (version >= 8) w.i32(t.topic_authorized_operations);
}
}  // namespace

metadata_request metadata_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, metadata_min_version, metadata_max_version);
  metadata_request out;
  // Topics: nullable from v1 only.
  std::optional<int32_t> n = version >= 1 ? r.nullable_array_length(min_request_topic_bytes)
                                          : std::optional(read_array_count(r, min_request_topic_bytes));
  if (n) {
    out.topics.emplace();
    out.topics->reserve(*n);
    for (int32_t i = 0; i < *n; ++i) out.topics->push_back({r.string()});
  }
  if (version >= 4) out.allow_auto_topic_creation = r.boolean();
  if (version >= 8) {
    out.include_cluster_authorized_operations = r.boolean();
    out.include_topic_authorized_operations = r.boolean();
  }
  return out;
}

void metadata_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, metadata_min_version, metadata_max_version);
  if (!topics) {
    w.array_length(version >= 1 ? -1 : 0);  // "all topics" in either spelling
  } else {
    w.array_length(static_cast<int32_t>(topics->size()));
    for (const auto& t : *topics) w.string(t.name);
  }
  if (version >= 4) w.boolean(allow_auto_topic_creation);
  if (version >= 8) {
    w.boolean(include_cluster_authorized_operations);
    w.boolean(include_topic_authorized_operations);
  }
}

metadata_response metadata_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, metadata_min_version, metadata_max_version);
  metadata_response out;
  if (version >= 3) out.throttle_time_ms = r.i32();
  int32_t n = read_array_count(r, min_broker_bytes);
  out.brokers.reserve(n);
  for (int32_t i = 0; i < n; ++i) {
    metadata_response_broker b;
    b.node_id = r.i32();
    b.host = r.string();
    b.port = r.i32();
    if (version >= 1) b.rack = r.nullable_string();
    out.brokers.push_back(std::move(b));
  }
  if (version >= 2) out.cluster_id = r.nullable_string();
  if (version >= 1) out.controller_id = r.i32();
  n = read_array_count(r, min_topic_bytes);
  out.topics.reserve(n);
  for (int32_t i = 0; i < n; ++i) out.topics.push_back(read_topic(r, version));
  if (version >= 8) out.cluster_authorized_operations = r.i32();
  return out;
}

void metadata_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, metadata_min_version, metadata_max_version);
  if (version >= 3) w.i32(throttle_time_ms);
  w.array_length(static_cast<int32_t>(brokers.size()));
  for (const auto& b : brokers) {
    w.i32(b.node_id);
    w.string(b.host);
    w.i32(b.port);
    if (version >= 1) w.nullable_string(b.rack);
  }
  if (version >= 2) w.nullable_string(cluster_id);
  if (version >= 1) w.i32(controller_id);
  w.array_length(static_cast<int32_t>(topics.size()));
  for (const auto& t : topics) write_topic(w, t, version);
  if (version >= 8) w.i32(cluster_authorized_operations);
}

}  // namespace kb::protocol
