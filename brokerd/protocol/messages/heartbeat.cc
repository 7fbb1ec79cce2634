#include "brokerd/protocol/messages/heartbeat.h"

#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {

heartbeat_request heartbeat_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, heartbeat_min_version, heartbeat_max_version);
  heartbeat_request out;
  out.group_id = r.string();
  out.generation_id = r.i32();
  out.member_id = r.string();
  if (version >= 3) out.group_instance_id = r.nullable_string();
  return out;
}

void heartbeat_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, heartbeat_min_version, heartbeat_max_version);
  w.string(group_id);
  w.i32(generation_id);
  w.string(member_id);
  if (version >= 3) w.nullable_string(group_instance_id);
}

heartbeat_response heartbeat_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, heartbeat_min_version, heartbeat_max_version);
  heartbeat_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  return out;
}

void heartbeat_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, heartbeat_min_version, heartbeat_max_version);
  if (version >= 1) w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
}

}  // namespace kb::protocol
