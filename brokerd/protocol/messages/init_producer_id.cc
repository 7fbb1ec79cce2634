#include "brokerd/protocol/messages/init_producer_id.h"

#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {

init_producer_id_request init_producer_id_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, init_producer_id_min_version, init_producer_id_max_version);
  init_producer_id_request out;
  out.transactional_id = r.nullable_string();
  out.transaction_timeout_ms = r.i32();
  return out;
}

void init_producer_id_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, init_producer_id_min_version, init_producer_id_max_version);
  w.nullable_string(transactional_id);
  w.i32(transaction_timeout_ms);
}

init_producer_id_response init_producer_id_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, init_producer_id_min_version, init_producer_id_max_version);
  init_producer_id_response out;
  out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  out.producer_id = r.i64();
  out.producer_epoch = r.i16();
  return out;
}

void init_producer_id_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, init_producer_id_min_version, init_producer_id_max_version);
  w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  w.i64(producer_id);
  w.i16(producer_epoch);
}

}  // namespace kb::protocol
