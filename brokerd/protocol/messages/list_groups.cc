#include "brokerd/protocol/messages/list_groups.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using response = list_groups_response;

constexpr size_t min_group_bytes = 2 + 2;  // group id, protocol type

response::listed_group read_group(wire_reader& r) {
  response::listed_group g;
  g.group_id = r.string();
  g.protocol_type = r.string();
  return g;
}

void write_group(wire_writer& w, const response::listed_group& g) {
  w.string(g.group_id);
  w.string(g.protocol_type);
}
}  // namespace

list_groups_request list_groups_request::decode(wire_reader& /*r*/, int16_t version) {
  check_decode_version(message_name, version, list_groups_min_version, list_groups_max_version);
  return {};
}

void list_groups_request::encode(wire_writer& /*w*/, int16_t version) const {
  check_encode_version(message_name, version, list_groups_min_version, list_groups_max_version);
}

list_groups_response list_groups_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, list_groups_min_version, list_groups_max_version);
  list_groups_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  out.groups = read_array<listed_group>(r, min_group_bytes, read_group);
  return out;
}

void list_groups_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, list_groups_min_version, list_groups_max_version);
  if (version >= 1) w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  write_array(w, groups, write_group);
}

}  // namespace kb::protocol
