#include "brokerd/protocol/messages/offset_commit.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = offset_commit_request;
using response = offset_commit_response;

constexpr size_t min_topic_bytes = 2 + 4;  // name, partitions
// index, offset, null metadata; the version-dependent fields only add to it.
constexpr size_t min_partition_bytes = 4 + 8 + 2;
constexpr size_t min_partition_result_bytes = 4 + 2;  // index, error

request::offset_commit_request_partition read_partition(wire_reader& r, int16_t version) {
  request::offset_commit_request_partition p;
  p.partition_index = r.i32();
  p.committed_offset = r.i64();
  if (version >= 6) p.committed_leader_epoch = r.i32();
  if (version == 1) p.commit_timestamp = r.i64();
  p.committed_metadata = r.nullable_string();
  return p;
}

void write_partition(wire_writer& w, const request::offset_commit_request_partition& p, int16_t version) {
  w.i32(p.partition_index);
  w.i64(p.committed_offset);
  if (version >= 6) w.i32(p.committed_leader_epoch);
  if (version == 1) w.i64(p.commit_timestamp);
  w.nullable_string(p.committed_metadata);
}

request::offset_commit_request_topic read_topic(wire_reader& r, int16_t version) {
  request::offset_commit_request_topic t;
  t.name = r.string();
  t.partitions = read_array<request::offset_commit_request_partition>(
      r, min_partition_bytes, [version](wire_reader& r) { return read_partition(r, version); });
  return t;
}

void write_topic(wire_writer& w, const request::offset_commit_request_topic& t, int16_t version) {
  w.string(t.name);
  write_array(w, t.partitions, [version](wire_writer& w, const request::offset_commit_request_partition& p) {
    write_partition(w, p, version);
  });
}

response::offset_commit_response_topic read_topic_result(wire_reader& r) {
  response::offset_commit_response_topic t;
  t.name = r.string();
  t.partitions = read_array<response::offset_commit_response_partition>(
      r, min_partition_result_bytes, [](wire_reader& r) {
        response::offset_commit_response_partition p;
        p.partition_index = r.i32();
        p.error_code = static_cast<error_code>(r.i16());
        return p;
      });
  return t;
}

void write_topic_result(wire_writer& w, const response::offset_commit_response_topic& t) {
  w.string(t.name);
  write_array(w, t.partitions, [](wire_writer& w, const response::offset_commit_response_partition& p) {
    w.i32(p.partition_index);
    w.i16(static_cast<int16_t>(p.error_code));
  });
}
}  // namespace

offset_commit_request offset_commit_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_commit_min_version, offset_commit_max_version);
  offset_commit_request out;
  out.group_id = r.string();
  if (version >= 1) {
    out.generation_id = r.i32();
    out.member_id = r.string();
  }
  if (version >= 7) out.group_instance_id = r.nullable_string();
  if (version >= 2 && version <= 4) out.retention_time_ms = r.i64();
  out.topics = read_array<offset_commit_request_topic>(
      r, min_topic_bytes, [version](wire_reader& r) { return read_topic(r, version); });
  return out;
}

void offset_commit_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_commit_min_version, offset_commit_max_version);
  w.string(group_id);
  if (version >= 1) {
    w.i32(generation_id);
    w.string(member_id);
  }
  if (version >= 7) w.nullable_string(group_instance_id);
  if (version >= 2 && version <= 4) w.i64(retention_time_ms);
  write_array(w, topics,
              [version](wire_writer& w, const offset_commit_request_topic& t) { write_topic(w, t, version); });
}

offset_commit_response offset_commit_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_commit_min_version, offset_commit_max_version);
  offset_commit_response out;
  if (version >= 3) out.throttle_time_ms = r.i32();
  out.topics = read_array<offset_commit_response_topic>(r, min_topic_bytes, read_topic_result);
  return out;
}

void offset_commit_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_commit_min_version, offset_commit_max_version);
  if (version >= 3) w.i32(throttle_time_ms);
  write_array(w, topics, write_topic_result);
}

}  // namespace kb::protocol
