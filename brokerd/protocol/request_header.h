#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// Request header v1 (api_key, api_version, correlation_id, client_id) and v2 (v1 plus a
// tagged-field section, for flexible versions). v0 (no client_id) is only used by
// ControlledShutdown v0, which this broker does not accept from clients.
struct request_header {
  int16_t api_key = 0;
  int16_t api_version = 0;
  int32_t correlation_id = 0;
  std::optional<std::string> client_id;

  // Reads the header; `flexible` selects v2.
  static request_header read(wire_reader& r, bool flexible);
  void write(wire_writer& w, bool flexible) const;
};

// The fixed prefix every request shares, readable before the API is known.
struct request_prefix {
  int16_t api_key;
  int16_t api_version;
  int32_t correlation_id;
};
// Requires at least 8 bytes; throws decode_error otherwise.
request_prefix peek_request_prefix(bytes_view frame);

// Response header v0 is the correlation id; v1 adds an empty tagged-field section (flexible
// responses except ApiVersions, whose response header is always v0).
void write_response_header(wire_writer& w, int32_t correlation_id, bool flexible);

}  // namespace kb::protocol
