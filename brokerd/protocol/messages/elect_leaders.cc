#include "brokerd/protocol/messages/elect_leaders.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = elect_leaders_request;
using response = elect_leaders_response;

constexpr size_t min_topic_bytes = 2 + 4;                // topic, partitions
constexpr size_t min_partition_result_bytes = 4 + 2 + 2;  // id, error, null message

request::election_topic read_topic(wire_reader& r) {
  request::election_topic t;
  t.topic = r.string();
  t.partitions = read_array<int32_t>(r, 4, read_int32_element);
  return t;
}

void write_topic(wire_writer& w, const request::election_topic& t) {
  w.string(t.topic);
  write_array(w, t.partitions, write_int32_element);
}

response::replica_election_result read_result(wire_reader& r) {
  response::replica_election_result res;
  res.topic = r.string();
  res.partition_result =
      read_array<response::election_partition_result>(r, min_partition_result_bytes, [](wire_reader& r) {
        response::election_partition_result p;
        p.partition_id = r.i32();
        p.error_code = static_cast<error_code>(r.i16());
        p.error_message = r.nullable_string();
        return p;
      });
  return res;
}

void write_result(wire_writer& w, const response::replica_election_result& res) {
  w.string(res.topic);
  write_array(w, res.partition_result, [](wire_writer& w, const response::election_partition_result& p) {
    w.i32(p.partition_id);
    w.i16(static_cast<int16_t>(p.error_code));
    w.nullable_string(p.error_message);
  });
}
}  // namespace

elect_leaders_request elect_leaders_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, elect_leaders_min_version, elect_leaders_max_version);
  elect_leaders_request out;
  if (version >= 1) out.election_type = static_cast<protocol::election_type>(r.i8());
  out.topic_partitions = read_nullable_array<request::election_topic>(r, min_topic_bytes, read_topic);
  out.timeout_ms = r.i32();
  return out;
}

void elect_leaders_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, elect_leaders_min_version, elect_leaders_max_version);
  if (version >= 1) w.i8(static_cast<int8_t>(election_type));
  write_nullable_array(w, topic_partitions, write_topic);
  w.i32(timeout_ms);
}

elect_leaders_response elect_leaders_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, elect_leaders_min_version, elect_leaders_max_version);
  elect_leaders_response out;
  out.throttle_time_ms = r.i32();
  if (version >= 1) out.error_code = static_cast<protocol::error_code>(r.i16());
  out.replica_election_results = read_array<replica_election_result>(r, min_topic_bytes, read_result);
  return out;
}

void elect_leaders_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, elect_leaders_min_version, elect_leaders_max_version);
  w.i32(throttle_time_ms);
  if (version >= 1) w.i16(static_cast<int16_t>(error_code));
  write_array(w, replica_election_results, write_result);
}

}  // namespace kb::protocol
