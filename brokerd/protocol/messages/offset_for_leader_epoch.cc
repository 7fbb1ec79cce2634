#include "brokerd/protocol/messages/offset_for_leader_epoch.h"

#include "brokerd/protocol/messages/scalar_arrays.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
// Smallest encodings, used to bound array counts by the bytes left.
constexpr size_t min_topic_bytes = 6;                // topic, partitions
constexpr size_t min_partition_bytes = 8;            // partition, leader_epoch
constexpr size_t min_partition_result_bytes = 14;    // error, partition, end_offset
}  // namespace

offset_for_leader_epoch_request offset_for_leader_epoch_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_for_leader_epoch_min_version,
                       offset_for_leader_epoch_max_version);
  offset_for_leader_epoch_request out;
  if (version >= 3) out.replica_id = r.i32();
  int32_t topics = read_array_count(r, min_topic_bytes);
  out.topics.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    offset_for_leader_topic topic;
    topic.topic = r.string();
    int32_t partitions = read_array_count(r, min_partition_bytes);
    topic.partitions.reserve(partitions);
    for (int32_t i = 0; i < partitions; ++i) {
      offset_for_leader_partition p;
      p.partition = r.i32();
      if (version >= 2) p.current_leader_epoch = r.i32();
      p.leader_epoch = r.i32();
      topic.partitions.push_back(p);
    }
    out.topics.push_back(std::move(topic));
  }
  return out;
}

void offset_for_leader_epoch_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_for_leader_epoch_min_version,
                       offset_for_leader_epoch_max_version);
  if (version >= 3) w.i32(replica_id);
  w.array_length(static_cast<int32_t>(topics.size()));
  for (const auto& topic : topics) {
    w.string(topic.topic);
    w.array_length(static_cast<int32_t>(topic.partitions.size()));
    for (const auto& p : topic.partitions) {
      w.i32(p.partition);
      if (version >= 2) w.i32(p.current_leader_epoch);
      w.i32(p.leader_epoch);
    }
  }
}

offset_for_leader_epoch_response offset_for_leader_epoch_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_for_leader_epoch_min_version,
                       offset_for_leader_epoch_max_version);
  offset_for_leader_epoch_response out;
  if (version >= 2) out.throttle_time_ms = r.i32();
  int32_t topics = read_array_count(r, min_topic_bytes);
  out.topics.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    offset_for_leader_topic_result topic;
    topic.topic = r.string();
    int32_t partitions = read_array_count(r, min_partition_result_bytes);
    topic.partitions.reserve(partitions);
    for (int32_t i = 0; i < partitions; ++i) {
      epoch_end_offset p;
      p.error_code = static_cast<protocol::error_code>(r.i16());
      p.partition = r.i32();
      if (version >= 1) p.leader_epoch = r.i32();
      p.end_offset = r.i64();
      topic.partitions.push_back(p);
    }
    out.topics.push_back(std::move(topic));
  }
  return out;
}

void offset_for_leader_epoch_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_for_leader_epoch_min_version,
                       offset_for_leader_epoch_max_version);
  if (version >= 2) w.i32(throttle_time_ms);
  w.array_length(static_cast<int32_t>(topics.size()));
  for (const auto& topic : topics) {
    w.string(topic.topic);
    w.array_length(static_cast<int32_t>(topic.partitions.size()));
    for (const auto& p : topic.partitions) {
      w.i16(static_cast<int16_t>(p.error_code));
      w.i32(p.partition);
      if (version >= 1) w.i32(p.leader_epoch);
      w.i64(p.end_offset);
    }
  }
}

}  // namespace kb::protocol
