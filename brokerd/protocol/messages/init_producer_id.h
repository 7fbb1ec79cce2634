#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// InitProducerId (key 22), InitProducerIdRequest/Response.json of Kafka 3.7. Only the
// non-flexible versions 0-1 are implemented (v2+ is flexible); v0 and v1 share one layout.
inline constexpr int16_t init_producer_id_min_version = 0, init_producer_id_max_version = 1;

struct init_producer_id_request {
  static constexpr std::string_view message_name = "InitProducerIdRequest";

  std::optional<std::string> transactional_id;  // null for an idempotent, non-transactional producer
  int32_t transaction_timeout_ms = 0;

  static init_producer_id_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const init_producer_id_request&, const init_producer_id_request&) = default;
};

struct init_producer_id_response {
  static constexpr std::string_view message_name = "InitProducerIdResponse";

  int32_t throttle_time_ms = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  int64_t producer_id = -1;
  int16_t producer_epoch = 0;

  static init_producer_id_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const init_producer_id_response&, const init_producer_id_response&) = default;
};

}  // namespace kb::protocol
