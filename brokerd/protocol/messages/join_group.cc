#include "brokerd/protocol/messages/join_group.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = join_group_request;
using response = join_group_response;

constexpr size_t min_protocol_bytes = 2 + 4;  // name, metadata
constexpr size_t min_member_bytes = 2 + 4;    // member id, metadata (+ instance id from v5)

request::join_group_request_protocol read_protocol(wire_reader& r) {
  request::join_group_request_protocol p;
  p.name = r.string();
  bytes_view metadata = r.bytes();
  p.metadata.assign(metadata.begin(), metadata.end());
  return p;
}

void write_protocol(wire_writer& w, const request::join_group_request_protocol& p) {
  w.string(p.name);
  w.bytes(p.metadata);
}

response::join_group_response_member read_member(wire_reader& r, int16_t version) {
  response::join_group_response_member m;
  m.member_id = r.string();
  if (version >= 5) m.group_instance_id = r.nullable_string();
  bytes_view metadata = r.bytes();
  m.metadata.assign(metadata.begin(), metadata.end());
  return m;
}

void write_member(wire_writer& w, const response::join_group_response_member& m, int16_t version) {
  w.string(m.member_id);
  if (version >= 5) w.nullable_string(m.group_instance_id);
  w.bytes(m.metadata);
}
}  // namespace

join_group_request join_group_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, join_group_min_version, join_group_max_version);
  join_group_request out;
  out.group_id = r.string();
  out.session_timeout_ms = r.i32();
  if (version >= 1) out.rebalance_timeout_ms = r.i32();
  out.member_id = r.string();
  if (version >= 5) out.group_instance_id = r.nullable_string();
  out.protocol_type = r.string();
  out.protocols = read_array<join_group_request_protocol>(r, min_protocol_bytes, read_protocol);
  return out;
}

void join_group_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, join_group_min_version, join_group_max_version);
  w.string(group_id);
  w.i32(session_timeout_ms);
  if (version >= 1) w.i32(rebalance_timeout_ms);
  w.string(member_id);
  if (version >= 5) w.nullable_string(group_instance_id);
  w.string(protocol_type);
  write_array(w, protocols, write_protocol);
}

join_group_response join_group_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, join_group_min_version, join_group_max_version);
  join_group_response out;
  if (version >= 2) out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  out.generation_id = r.i32();
  out.protocol_name = r.string();
  out.leader = r.string();
  out.member_id = r.string();
  out.members = read_array<join_group_response_member>(
      r, min_member_bytes, [version](wire_reader& r) { return read_member(r, version); });
  return out;
}

void join_group_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, join_group_min_version, join_group_max_version);
  if (version >= 2) w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  w.i32(generation_id);
  w.string(protocol_name);
  w.string(leader);
  w.string(member_id);
  write_array(w, members,
              [version](wire_writer& w, const join_group_response_member& m) { write_member(w, m, version); });
}

}  // namespace kb::protocol
