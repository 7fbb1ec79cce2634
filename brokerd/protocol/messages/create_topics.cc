#include "brokerd/protocol/messages/create_topics.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = create_topics_request;

// Smallest wire size of one array element; bounds decoded counts by the bytes left.
constexpr size_t min_assignment_bytes = 4 + 4;       // partition_index, empty broker_ids
constexpr size_t min_config_bytes = 2 + 2;           // empty name, null value
constexpr size_t min_topic_bytes = 2 + 4 + 2 + 4 + 4;  // name, counts, two empty arrays
constexpr size_t min_result_bytes = 2 + 2;           // name, error_code (v0)

request::creatable_replica_assignment read_assignment(wire_reader& r) {
  request::creatable_replica_assignment a;
  a.partition_index = r.i32();
  a.broker_ids = read_array<int32_t>(r, 4, read_int32_element);
  return a;
}

request::createable_topic_config read_config(wire_reader& r) {
  request::createable_topic_config c;
  c.name = r.string();
  c.value = r.nullable_string();
  return c;
}

request::creatable_topic read_topic(wire_reader& r) {
  request::creatable_topic t;
  t.name = r.string();
  t.num_partitions = r.i32();
  t.replication_factor = r.i16();
  t.assignments = read_array<request::creatable_replica_assignment>(r, min_assignment_bytes, read_assignment);
  t.configs = read_array<request::createable_topic_config>(r, min_config_bytes, read_config);
  return t;
}

void write_topic(wire_writer& w, const request::creatable_topic& t) {
  w.string(t.name);
  w.i32(t.num_partitions);
  w.i16(t.replication_factor);
  write_array(w, t.assignments, [](wire_writer& w, const request::creatable_replica_assignment& a) {
    w.i32(a.partition_index);
    write_array(w, a.broker_ids, write_int32_element);
  });
  write_array(w, t.configs, [](wire_writer& w, const request::createable_topic_config& c) {
    w.string(c.name);
    w.nullable_string(c.value);
  });
}
}  // namespace

create_topics_request create_topics_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, create_topics_min_version, create_topics_max_version);
  create_topics_request out;
  out.topics = read_array<creatable_topic>(r, min_topic_bytes, read_topic);
  out.timeout_ms = r.i32();
  if (version >= 1) out.validate_only = r.boolean();
  return out;
}

void create_topics_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, create_topics_min_version, create_topics_max_version);
  write_array(w, topics, write_topic);
  w.i32(timeout_ms);
  if (version >= 1) w.boolean(validate_only);
}

create_topics_response create_topics_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, create_topics_min_version, create_topics_max_version);
  create_topics_response out;
  if (version >= 2) out.throttle_time_ms = r.i32();
  out.topics = read_array<creatable_topic_result>(r, min_result_bytes, [version](wire_reader& r) {
    creatable_topic_result t;
    t.name = r.string();
    t.error_code = static_cast<protocol::error_code>(r.i16());
    if (version >= 1) t.error_message = r.nullable_string();
    return t;
  });
  return out;
}

void create_topics_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, create_topics_min_version, create_topics_max_version);
  if (version >= 2) w.i32(throttle_time_ms);
  write_array(w, topics, [version](wire_writer& w, const creatable_topic_result& t) {
    w.string(t.name);
    w.i16(static_cast<int16_t>(t.error_code));
    if (version >= 1) w.nullable_string(t.error_message);
  });
}

}  // namespace kb::protocol
