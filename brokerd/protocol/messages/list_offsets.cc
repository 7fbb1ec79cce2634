#include "brokerd/protocol/messages/list_offsets.h"

#include "brokerd/protocol/messages/scalar_arrays.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
// Smallest encodings, used to bound array counts by the bytes left.
constexpr size_t min_topic_bytes = 6;                // name, partitions
constexpr size_t min_partition_bytes = 12;           // index, timestamp
constexpr size_t min_partition_response_bytes = 6;   // index, error (+ offsets array or timestamp/offset)

list_offsets_partition_response read_partition_response(wire_reader& r, int16_t version) {
  list_offsets_partition_response p;
  p.partition_index = r.i32();
  p.error_code = static_cast<error_code>(r.i16());
  if (version == 0) p.old_style_offsets = read_int64_array(r);
  if (version >= 1) {
    p.timestamp = r.i64();
    p.offset = r.i64();
  }
  if (version >= 4) p.leader_epoch = r.i32();
  return p;
}

void write_partition_response(wire_writer& w, const list_offsets_partition_response& p, int16_t version) {
  w.i32(p.partition_index);
  w.i16(static_cast<int16_t>(p.error_code));
  if (version == 0) write_int64_array(w, p.old_style_offsets);
  if (version >= 1) {
    w.i64(p.timestamp);
    w.i64(p.offset);
  }
  if (version >= 4) w.i32(p.leader_epoch);
}
}  // namespace

list_offsets_request list_offsets_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, list_offsets_min_version, list_offsets_max_version);
  list_offsets_request out;
  out.replica_id = r.i32();
  if (version >= 2) out.isolation_level = r.i8();
  int32_t topics = read_array_count(r, min_topic_bytes);
  out.topics.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    list_offsets_topic topic;
    topic.name = r.string();
    int32_t partitions = read_array_count(r, min_partition_bytes);
    topic.partitions.reserve(partitions);
    for (int32_t i = 0; i < partitions; ++i) {
      list_offsets_partition p;
      p.partition_index = r.i32();
      if (version >= 4) p.current_leader_epoch = r.i32();
      p.timestamp = r.i64();
      if (version == 0) p.max_num_offsets = r.i32();
      topic.partitions.push_back(p);
    }
    out.topics.push_back(std::move(topic));
  }
  return out;
}

void list_offsets_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, list_offsets_min_version, list_offsets_max_version);
  w.i32(replica_id);
  if (version >= 2) w.i8(isolation_level);
  w.array_length(static_cast<int32_t>(topics.size()));
  for (const auto& topic : topics) {
    w.string(topic.name);
    w.array_length(static_cast<int32_t>(topic.partitions.size()));
    for (const auto& p : topic.partitions) {
      w.i32(p.partition_index);
      if (version >= 4) w.i32(p.current_leader_epoch);
      w.i64(p.timestamp);
      if (version == 0) w.i32(p.max_num_offsets);
    }
  }
}

list_offsets_response list_offsets_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, list_offsets_min_version, list_offsets_max_version);
  list_offsets_response out;
  if (version >= 2) out.throttle_time_ms = r.i32();
  int32_t topics = read_array_count(r, min_topic_bytes);
  out.topics.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    list_offsets_topic_response topic;
    topic.name = r.string();
    int32_t partitions = read_array_count(r, min_partition_response_bytes);
    topic.partitions.reserve(partitions);
    for (int32_t i = 0; i < partitions; ++i) topic.partitions.push_back(read_partition_response(r, version));
    out.topics.push_back(std::move(topic));
  }
  return out;
}

void list_offsets_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, list_offsets_min_version, list_offsets_max_version);
  if (version >= 2) w.i32(throttle_time_ms);
  w.array_length(static_cast<int32_t>(topics.size()));
  for (const auto& topic : topics) {
    w.string(topic.name);
    w.array_length(static_cast<int32_t>(topic.partitions.size()));
    for (const auto& p : topic.partitions) write_partition_response(w, p, version);
  }
}

}  // namespace kb::protocol
