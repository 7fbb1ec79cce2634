#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// ApiVersions (key 18), ApiVersionsRequest/Response.json of Kafka 3.7. v3 is flexible.
// The response header is always v0, even for v3 (the caller writes it).
inline constexpr int16_t api_versions_min_version = 0, api_versions_max_version = 3;
inline constexpr int16_t api_versions_first_flexible_version = 3;

struct api_versions_request {
  static constexpr std::string_view message_name = "ApiVersionsRequest";

  std::string client_software_name;     // v3+ (compact string)
  std::string client_software_version;  // v3+ (compact string)

  // v0-v2 bodies are empty; v3 is two compact strings and a tagged-field section.
  static api_versions_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const api_versions_request&, const api_versions_request&) = default;
};

struct api_versions_response_key {
  int16_t api_key = 0;
  int16_t min_version = 0;
  int16_t max_version = 0;
  friend bool operator==(const api_versions_response_key&, const api_versions_response_key&) = default;
};

struct api_versions_response {
  static constexpr std::string_view message_name = "ApiVersionsResponse";

  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::vector<api_versions_response_key> api_keys;
  int32_t throttle_time_ms = 0;  // v1+

  // v3's optional tagged fields (supported/finalized features, ZkMigrationReady) are skipped
  // on decode and never written.
  static api_versions_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const api_versions_response&, const api_versions_response&) = default;
};

// The body Kafka sends when an ApiVersions request's version is above the broker's max
// (KIP-511): ApiVersionsResponse v0 layout, error 35 UNSUPPORTED_VERSION, and an array with
// the single entry {18, 0, api_versions_max_version}. The caller writes header v0 first and
// must not parse the request body (it may be a future format).
void encode_unsupported_api_versions_response(wire_writer& w);

// True if `s` matches KIP-511's [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])? — the rule for
// client_software_name/version; a v3 request that breaks it gets INVALID_REQUEST.
bool is_valid_client_software_field(std::string_view s);

}  // namespace kb::protocol
