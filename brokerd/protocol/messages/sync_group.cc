#include "brokerd/protocol/messages/sync_group.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = sync_group_request;

constexpr size_t min_assignment_bytes = 2 + 4;  // member id, assignment

request::sync_group_request_assignment read_assignment(wire_reader& r) {
  request::sync_group_request_assignment a;
  a.member_id = r.string();
  bytes_view assignment = r.bytes();
  a.assignment.assign(assignment.begin(), assignment.end());
  return a;
}

void write_assignment(wire_writer& w, const request::sync_group_request_assignment& a) {
  w.string(a.member_id);
  w.bytes(a.assignment);
}
}  // namespace

sync_group_request sync_group_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, sync_group_min_version, sync_group_max_version);
  sync_group_request out;
  out.group_id = r.string();
  out.generation_id = r.i32();
  out.member_id = r.string();
  if (version >= 3) out.group_instance_id = r.nullable_string();
  out.assignments = read_array<sync_group_request_assignment>(r, min_assignment_bytes, read_assignment);
  return out;
}

void sync_group_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, sync_group_min_version, sync_group_max_version);
  w.string(group_id);
  w.i32(generation_id);
  w.string(member_id);
  if (version >= 3) w.nullable_string(group_instance_id);
  write_array(w, assignments, write_assignment);
}

sync_group_response sync_group_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, sync_group_min_version, sync_group_max_version);
  sync_group_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  bytes_view assignment = r.bytes();
  out.assignment.assign(assignment.begin(), assignment.end());
  return out;
}

void sync_group_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, sync_group_min_version, sync_group_max_version);
  if (version >= 1) w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  w.bytes(assignment);
}

}  // namespace kb::protocol
