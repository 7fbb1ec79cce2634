#include "brokerd/protocol/messages/describe_groups.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using response = describe_groups_response;

// member id, client id, client host, metadata, assignment (+ instance id from v4)
constexpr size_t min_member_bytes = 2 + 2 + 2 + 4 + 4;
// error, group id, state, protocol type, protocol data, members (+ operations from v3)
constexpr size_t min_group_bytes = 2 + 2 + 2 + 2 + 2 + 4;

response::described_group_member read_member(wire_reader& r, int16_t version) {
  response::described_group_member m;
  m.member_id = r.string();
  if (version >= 4) m.group_instance_id = r.nullable_string();
  m.client_id = r.string();
  m.client_host = r.string();
  bytes_view metadata = r.bytes();
  m.member_metadata.assign(metadata.begin(), metadata.end());
  bytes_view assignment = r.bytes();
  m.member_assignment.assign(assignment.begin(), assignment.end());
  return m;
}

void write_member(wire_writer& w, const response::described_group_member& m, int16_t version) {
  w.string(m.member_id);
  if (version >= 4) w.nullable_string(m.group_instance_id);
  w.string(m.client_id);
  w.string(m.client_host);
  w.bytes(m.member_metadata);
  w.bytes(m.member_assignment);
}

response::described_group read_group(wire_reader& r, int16_t version) {
  response::described_group g;
  g.error_code = static_cast<error_code>(r.i16());
  g.group_id = r.string();
  g.group_state = r.string();
  g.protocol_type = r.string();
  g.protocol_data = r.string();
  g.members = read_array<response::described_group_member>(
      r, min_member_bytes, [version](wire_reader& r) { return read_member(r, version); });
  if (version >= 3) g.authorized_operations = r.i32();
  return g;
}

void write_group(wire_writer& w, const response::described_group& g, int16_t version) {
  w.i16(static_cast<int16_t>(g.error_code));
  w.string(g.group_id);
  w.string(g.group_state);
  w.string(g.protocol_type);
  w.string(g.protocol_data);
  write_array(w, g.members,
              [version](wire_writer& w, const response::described_group_member& m) { write_member(w, m, version); });
  if (version >= 3) w.i32(g.authorized_operations);
}
}  // namespace

describe_groups_request describe_groups_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, describe_groups_min_version, describe_groups_max_version);
  describe_groups_request out;
  out.groups = read_array<std::string>(r, 2, read_string_element);
  if (version >= 3) out.include_authorized_operations = r.boolean();
  return out;
}

void describe_groups_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, describe_groups_min_version, describe_groups_max_version);
  write_array(w, groups, write_string_element);
  if (version >= 3) w.boolean(include_authorized_operations);
}

describe_groups_response describe_groups_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, describe_groups_min_version, describe_groups_max_version);
  describe_groups_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  out.groups = read_array<described_group>(r, min_group_bytes,
                                           [version](wire_reader& r) { return read_group(r, version); });
  return out;
}

void describe_groups_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, describe_groups_min_version, describe_groups_max_version);
  if (version >= 1) w.i32(throttle_time_ms);
  write_array(w, groups, [version](wire_writer& w, const described_group& g) { write_group(w, g, version); });
}

}  // namespace kb::protocol
