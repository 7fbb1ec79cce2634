#include "brokerd/protocol/messages/offset_delete.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = offset_delete_request;
using response = offset_delete_response;

constexpr size_t min_topic_bytes = 2 + 4;             // name, partitions
constexpr size_t min_partition_bytes = 4;             // index
constexpr size_t min_partition_result_bytes = 4 + 2;  // index, error

request::offset_delete_request_topic read_topic(wire_reader& r) {
  request::offset_delete_request_topic t;
  t.name = r.string();
  t.partitions = read_array<request::offset_delete_request_partition>(
      r, min_partition_bytes, [](wire_reader& r) { return request::offset_delete_request_partition{r.i32()}; });
  return t;
}

void write_topic(wire_writer& w, const request::offset_delete_request_topic& t) {
  w.string(t.name);
  write_array(w, t.partitions,
              [](wire_writer& w, const request::offset_delete_request_partition& p) { w.i32(p.partition_index); });
}

response::offset_delete_response_topic read_topic_result(wire_reader& r) {
  response::offset_delete_response_topic t;
  t.name = r.string();
  t.partitions = read_array<response::offset_delete_response_partition>(
      r, min_partition_result_bytes, [](wire_reader& r) {
        response::offset_delete_response_partition p;
        p.partition_index = r.i32();
        p.error_code = static_cast<error_code>(r.i16());
        return p;
      });
  return t;
}

void write_topic_result(wire_writer& w, const response::offset_delete_response_topic& t) {
  w.string(t.name);
  write_array(w, t.partitions, [](wire_writer& w, const response::offset_delete_response_partition& p) {
    w.i32(p.partition_index);
    w.i16(static_cast<int16_t>(p.error_code));
  });
}
}  // namespace

offset_delete_request offset_delete_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_delete_min_version, offset_delete_max_version);
  offset_delete_request out;
  out.group_id = r.string();
  out.topics = read_array<offset_delete_request_topic>(r, min_topic_bytes, read_topic);
  return out;
}

void offset_delete_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_delete_min_version, offset_delete_max_version);
  w.string(group_id);
  write_array(w, topics, write_topic);
}

offset_delete_response offset_delete_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, offset_delete_min_version, offset_delete_max_version);
  offset_delete_response out;
  out.error_code = static_cast<protocol::error_code>(r.i16());
  out.throttle_time_ms = r.i32();
  out.topics = read_array<offset_delete_response_topic>(r, min_topic_bytes, read_topic_result);
  return out;
}

void offset_delete_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, offset_delete_min_version, offset_delete_max_version);
  w.i16(static_cast<int16_t>(error_code));
  w.i32(throttle_time_ms);
  write_array(w, topics, write_topic_result);
}

}  // namespace kb::protocol
