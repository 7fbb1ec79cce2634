#include "brokerd/protocol/messages/find_coordinator.h"

#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {

find_coordinator_request find_coordinator_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, find_coordinator_min_version, find_coordinator_max_version);
  find_coordinator_request out;
  out.key = r.string();
  if (version >= 1) out.key_type = static_cast<coordinator_key_type>(r.i8());
  return out;
}

void find_coordinator_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, find_coordinator_min_version, find_coordinator_max_version);
  w.string(key);
  if (version >= 1) w.i8(static_cast<int8_t>(key_type));
}

find_coordinator_response find_coordinator_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, find_coordinator_min_version, find_coordinator_max_version);
  find_coordinator_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  if (version >= 1) out.error_message = r.nullable_string();
  out.node_id = r.i32();
  out.host = r.string();
  out.port = r.i32();
  return out;
}

void find_coordinator_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, find_coordinator_min_version, find_coordinator_max_version);
  if (version >= 1) w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  if (version >= 1) w.nullable_string(error_message);
  w.i32(node_id);
  w.string(host);
  w.i32(port);
}

}  // namespace kb::protocol
