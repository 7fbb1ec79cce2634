#include "brokerd/group/group_metadata_record.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::group::group_metadata_record {
namespace {
using member_metadata = group_metadata_value::member_metadata;

// member id, client id, client host, session timeout, subscription, assignment; the
// version-dependent fields only add to it.
constexpr size_t min_member_bytes = 2 + 2 + 2 + 4 + 4 + 4;

member_metadata read_member(protocol::wire_reader& r, int16_t version) {
  member_metadata m;
  m.member_id = r.string();
  if (version >= 3) m.group_instance_id = r.nullable_string();
  m.client_id = r.string();
  m.client_host = r.string();
  if (version >= 1) m.rebalance_timeout = r.i32();
  m.session_timeout = r.i32();
  protocol::bytes_view subscription = r.bytes();
  m.subscription.assign(subscription.begin(), subscription.end());
  protocol::bytes_view assignment = r.bytes();
  m.assignment.assign(assignment.begin(), assignment.end());
  return m;
}

void write_member(protocol::wire_writer& w, const member_metadata& m) {
  w.string(m.member_id);
  w.nullable_string(m.group_instance_id);
  w.string(m.client_id);
  w.string(m.client_host);
  w.i32(m.rebalance_timeout);
  w.i32(m.session_timeout);
  w.bytes(m.subscription);
  w.bytes(m.assignment);
}
}  // namespace

std::vector<std::byte> encode_key(const group_metadata_key& key) {
  protocol::wire_writer w;
  w.i16(key_version);
  w.string(key.group);
  return std::move(w).take();
}

result<group_metadata_key> decode_key(protocol::bytes_view data) {
  return decode_record<group_metadata_key>(data, [](protocol::wire_reader& r) -> result<group_metadata_key> {
    if (r.i16() != key_version) return make_error_code(record_errc::unsupported_version);
    return group_metadata_key{r.string()};
  });
}

std::vector<std::byte> encode_value(const group_metadata_value& value) {
  protocol::wire_writer w;
  w.i16(value_version);
  w.string(value.protocol_type);
  w.i32(value.generation);
  w.nullable_string(value.protocol);
  w.nullable_string(value.leader);
  w.i64(value.current_state_timestamp);
  protocol::write_array(w, value.members, write_member);
  return std::move(w).take();
}

result<group_metadata_value> decode_value(protocol::bytes_view data) {
  return decode_record<group_metadata_value>(data, [](protocol::wire_reader& r) -> result<group_metadata_value> {
    const int16_t version = r.i16();
    if (version < 0 || version > value_version) return make_error_code(record_errc::unsupported_version);
    group_metadata_value value;
    value.protocol_type = r.string();
    value.generation = r.i32();
    value.protocol = r.nullable_string();
    value.leader = r.nullable_string();
    if (version >= 2) value.current_state_timestamp = r.i64();
    value.members = protocol::read_array<member_metadata>(
        r, min_member_bytes, [version](protocol::wire_reader& r) { return read_member(r, version); });
    return value;
  });
}

}  // namespace kb::group::group_metadata_record
