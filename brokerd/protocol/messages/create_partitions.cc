#include "brokerd/protocol/messages/create_partitions.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = create_partitions_request;

constexpr size_t min_assignment_bytes = 4;      // empty broker_ids
constexpr size_t min_topic_bytes = 2 + 4 + 4;   // name, count, null assignments
constexpr size_t min_result_bytes = 2 + 2 + 2;  // name, error_code, null error_message

request::create_partitions_topic read_topic(wire_reader& r) {
  request::create_partitions_topic t;
  t.name = r.string();
  t.count = r.i32();
  t.assignments = read_nullable_array<request::create_partitions_assignment>(
      r, min_assignment_bytes, [](wire_reader& r) {
        return request::create_partitions_assignment{read_array<int32_t>(r, 4, read_int32_element)};
      });
  return t;
}

void write_topic(wire_writer& w, const request::create_partitions_topic& t) {
  w.string(t.name);
  w.i32(t.count);
  write_nullable_array(w, t.assignments, [](wire_writer& w, const request::create_partitions_assignment& a) {
    write_array(w, a.broker_ids, write_int32_element);
  });
}
}  // namespace

create_partitions_request create_partitions_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, create_partitions_min_version, create_partitions_max_version);
  create_partitions_request out;
  out.topics = read_array<create_partitions_topic>(r, min_topic_bytes, read_topic);
  out.timeout_ms = r.i32();
  out.validate_only = r.boolean();
  return out;
}

void create_partitions_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, create_partitions_min_version, create_partitions_max_version);
  write_array(w, topics, write_topic);
  w.i32(timeout_ms);
  w.boolean(validate_only);
}

create_partitions_response create_partitions_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, create_partitions_min_version, create_partitions_max_version);
  create_partitions_response out;
  out.throttle_time_ms = r.i32();
  out.results = read_array<create_partitions_topic_result>(r, min_result_bytes, [](wire_reader& r) {
    create_partitions_topic_result t;
    t.name = r.string();
    t.error_code = static_cast<protocol::error_code>(r.i16());
    t.error_message = r.nullable_string();
    return t;
  });
  return out;
}

void create_partitions_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, create_partitions_min_version, create_partitions_max_version);
  w.i32(throttle_time_ms);
  write_array(w, results, [](wire_writer& w, const create_partitions_topic_result& t) {
    w.string(t.name);
    w.i16(static_cast<int16_t>(t.error_code));
    w.nullable_string(t.error_message);
  });
}

}  // namespace kb::protocol
