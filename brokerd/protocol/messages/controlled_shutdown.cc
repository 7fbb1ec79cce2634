#include "brokerd/protocol/messages/controlled_shutdown.h"

#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {

controlled_shutdown_request controlled_shutdown_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, controlled_shutdown_min_version, controlled_shutdown_max_version);
  controlled_shutdown_request req;
  req.broker_id = r.i32();
  if (version >= 2) req.broker_epoch = r.i64();
  return req;
}

void controlled_shutdown_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, controlled_shutdown_min_version, controlled_shutdown_max_version);
  w.i32(broker_id);
  if (version >= 2) w.i64(broker_epoch);
}

controlled_shutdown_response controlled_shutdown_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, controlled_shutdown_min_version, controlled_shutdown_max_version);
  controlled_shutdown_response resp;
  resp.error_code = static_cast<kb::protocol::error_code>(r.i16());
  int32_t n = r.array_length(6);
  for (int32_t i = 0; i < n; ++i) {
    controlled_shutdown_remaining p;
    p.topic_name = r.string();
    p.partition_index = r.i32();
    resp.remaining_partitions.push_back(std::move(p));
  }
  return resp;
}

void controlled_shutdown_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, controlled_shutdown_min_version, controlled_shutdown_max_version);
  w.i16(static_cast<int16_t>(error_code));
  w.array_length(static_cast<int32_t>(remaining_partitions.size()));
  for (const auto& p : remaining_partitions) {
    w.string(p.topic_name);
    w.i32(p.partition_index);
  }
}

}  // namespace kb::protocol
