#include "brokerd/protocol/messages/delete_records.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = delete_records_request;
using response = delete_records_response;

constexpr size_t min_partition_bytes = 4 + 8;         // index, offset
constexpr size_t min_topic_bytes = 2 + 4;             // name, partitions
constexpr size_t min_partition_result_bytes = 4 + 8 + 2;  // index, low watermark, error

request::delete_records_topic read_topic(wire_reader& r) {
  request::delete_records_topic t;
  t.name = r.string();
  t.partitions = read_array<request::delete_records_partition>(r, min_partition_bytes, [](wire_reader& r) {
    request::delete_records_partition p;
    p.partition_index = r.i32();
    p.offset = r.i64();
    return p;
  });
  return t;
}

void write_topic(wire_writer& w, const request::delete_records_topic& t) {
  w.string(t.name);
  write_array(w, t.partitions, [](wire_writer& w, const request::delete_records_partition& p) {
    w.i32(p.partition_index);
    w.i64(p.offset);
  });
}

response::delete_records_topic_result read_topic_result(wire_reader& r) {
  response::delete_records_topic_result t;
  t.name = r.string();
  t.partitions = read_array<response::delete_records_partition_result>(
      r, min_partition_result_bytes, [](wire_reader& r) {
        response::delete_records_partition_result p;
        p.partition_index = r.i32();
        p.low_watermark = r.i64();
        p.error_code = static_cast<error_code>(r.i16());
        return p;
      });
  return t;
}

void write_topic_result(wire_writer& w, const response::delete_records_topic_result& t) {
  w.string(t.name);
  write_array(w, t.partitions, [](wire_writer& w, const response::delete_records_partition_result& p) {
    w.i32(p.partition_index);
    w.i64(p.low_watermark);
    w.i16(static_cast<int16_t>(p.error_code));
  });
}
}  // namespace

delete_records_request delete_records_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, delete_records_min_version, delete_records_max_version);
  delete_records_request out;
  out.topics = read_array<delete_records_topic>(r, min_topic_bytes, read_topic);
  out.timeout_ms = r.i32();
  return out;
}

void delete_records_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, delete_records_min_version, delete_records_max_version);
  write_array(w, topics, write_topic);
  w.i32(timeout_ms);
}

delete_records_response delete_records_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, delete_records_min_version, delete_records_max_version);
  delete_records_response out;
  out.throttle_time_ms = r.i32();
  out.topics = read_array<delete_records_topic_result>(r, min_topic_bytes, read_topic_result);
  return out;
}

void delete_records_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, delete_records_min_version, delete_records_max_version);
  w.i32(throttle_time_ms);
  write_array(w, topics, write_topic_result);
}

}  // namespace kb::protocol
