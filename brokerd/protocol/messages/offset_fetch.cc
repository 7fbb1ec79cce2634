#include "brokerd/protocol/messages/offset_fetch.h"

#include <stdexcept>

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = offset_fetch_request;
using response = offset_fetch_response;

constexpr size_t min_topic_bytes = 2 + 4;  // name, partitions
// index, offset, null metadata, error; committed_leader_epoch (v5+) only adds to it.
constexpr size_t min_partition_result_bytes = 4 + 8 + 2 + 2;

request::offset_fetch_request_topic read_topic(wire_reader& r) {
  request::offset_fetch_request_topic t;
  t.name = r.string();
  t.partition_indexes = read_array<int32_t>(r, 4, read_int32_element);
  return t;
}

void write_topic(wire_writer& w, const request::offset_fetch_request_topic& t) {
  w.string(t.name);
  write_array(w, t.partition_indexes, write_int32_element);
}

response::offset_fetch_response_partition read_partition_result(wire_reader& r, int16_t version) {
  response::offset_fetch_response_partition p;
  p.partition_index = r.i32();
  p.committed_offset = r.i64();
  if (version >= 5) p.committed_leader_epoch = r.i32();
  p.metadata = r.nullable_string();
  p.error_code = static_cast<error_code>(r.i16());
  return p;
}

void write_partition_result(wire_writer& w, const response::offset_fetch_response_partition& p, int16_t version) {
  w.i32(p.partition_index);
  w.i64(p.committed_offset);
  if (version >= 5) w.i32(p.committed_leader_epoch);
  w.nullable_string(p.metadata);
  w.i16(static_cast<int16_t>(p.error_code));
}

response::offset_fetch_response_topic read_topic_result(wire_reader& r, int16_t version) {
  response::offset_fetch_response_topic t;
  t.name = r.string();
  t.partitions = read_array<response::offset_fetch_response_partition>(
      r, min_partition_result_bytes, [version](wire_reader& r) { return read_partition_result(r, version); });
  return t;
}

void write_topic_result(wire_writer& w, const response::offset_fetch_response_topic& t, int16_t version) {
  w.string(t.name);
  write_array(w, t.partitions, [version](wire_writer& w, const response::offset_fetch_response_partition& p) {
    write_partition_result(w, p, version);
  });
}
}  // namespace

offset_fetch_request offset_fetch_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_fetch_min_version, offset_fetch_max_version);
  offset_fetch_request out;
  out.group_id = r.string();
  // Nullable from v2 only; read_array rejects a null count.
  if (version >= 2) {
    out.topics = read_nullable_array<offset_fetch_request_topic>(r, min_topic_bytes, read_topic);
  } else {
    out.topics = read_array<offset_fetch_request_topic>(r, min_topic_bytes, read_topic);
  }
  return out;
}

void offset_fetch_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_fetch_min_version, offset_fetch_max_version);
  if (!topics && version < 2) {
    throw std::invalid_argument("OffsetFetchRequest: null topics (all partitions) needs v2+, not v" +
                                std::to_string(version));
  }
  w.string(group_id);
  write_nullable_array(w, topics, write_topic);
}

offset_fetch_response offset_fetch_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_fetch_min_version, offset_fetch_max_version);
  offset_fetch_response out;
  if (version >= 3) out.throttle_time_ms = r.i32();
  out.topics = read_array<offset_fetch_response_topic>(
      r, min_topic_bytes, [version](wire_reader& r) { return read_topic_result(r, version); });
  if (version >= 2) out.error_code = static_cast<protocol::error_code>(r.i16());
  return out;
}

void offset_fetch_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_fetch_min_version, offset_fetch_max_version);
  if (version >= 3) w.i32(throttle_time_ms);
  write_array(w, topics,
              [version](wire_writer& w, const offset_fetch_response_topic& t) { write_topic_result(w, t, version); });
  if (version >= 2) w.i16(static_cast<int16_t>(error_code));
}

}  // namespace kb::protocol
