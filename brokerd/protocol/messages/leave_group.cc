#include "brokerd/protocol/messages/leave_group.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = leave_group_request;
using response = leave_group_response;

constexpr size_t min_member_identity_bytes = 2 + 2;      // member id, null instance id
constexpr size_t min_member_response_bytes = 2 + 2 + 2;  // member id, null instance id, error

request::member_identity read_member_identity(wire_reader& r) {
  request::member_identity m;
  m.member_id = r.string();
  m.group_instance_id = r.nullable_string();
  return m;
}

void write_member_identity(wire_writer& w, const request::member_identity& m) {
  w.string(m.member_id);
  w.nullable_string(m.group_instance_id);
}

response::member_response read_member_response(wire_reader& r) {
  response::member_response m;
  m.member_id = r.string();
  m.group_instance_id = r.nullable_string();
  m.error_code = static_cast<error_code>(r.i16());
  return m;
}

void write_member_response(wire_writer& w, const response::member_response& m) {
  w.string(m.member_id);
  w.nullable_string(m.group_instance_id);
  w.i16(static_cast<int16_t>(m.error_code));
}
}  // namespace

leave_group_request leave_group_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, leave_group_min_version, leave_group_max_version);
  leave_group_request out;
  out.group_id = r.string();
  if (version <= 2) out.member_id = r.string();
  if (version >= 3) out.members = read_array<member_identity>(r, min_member_identity_bytes, read_member_identity);
  return out;
}

void leave_group_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, leave_group_min_version, leave_group_max_version);
  w.string(group_id);
  if (version <= 2) w.string(member_id);
  if (version >= 3) write_array(w, members, write_member_identity);
}

leave_group_response leave_group_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, leave_group_min_version, leave_group_max_version);
  leave_group_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  if (version >= 3) out.members = read_array<member_response>(r, min_member_response_bytes, read_member_response);
  return out;
}

void leave_group_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, leave_group_min_version, leave_group_max_version);
  if (version >= 1) w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  if (version >= 3) write_array(w, members, write_member_response);
}

}  // namespace kb::protocol
