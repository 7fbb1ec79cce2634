#include "brokerd/protocol/messages/api_versions.h"

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/messages/scalar_arrays.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
// Smallest encoded entry: three int16 (plus one tag-count byte when flexible).
constexpr size_t min_key_bytes = 6;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
}  // namespace

api_versions_request api_versions_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, api_versions_min_version, api_versions_max_version);
  api_versions_request out;
  if (version >= api_versions_first_flexible_version) {
    out.client_software_name = r.compact_string();
    out.client_software_version = r.compact_string();
    r.skip_tagged_fields();
  }
  return out;
}

void api_versions_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, api_versions_min_version, api_versions_max_version);
  if (version >= api_versions_first_flexible_version) {
    w.compact_string(client_software_name);
    w.compact_string(client_software_version);
    w.empty_tagged_fields();
  }
}

api_versions_response api_versions_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, api_versions_min_version, api_versions_max_version);
  const bool flexible = version >= api_versions_first_flexible_version;
  api_versions_response out;
  out.error_code = static_cast<protocol::error_code>(r.i16());
  int32_t n = flexible ? r.compact_array_length(min_key_bytes + 1) : read_array_count(r, min_key_bytes);
  out.api_keys.reserve(n);
  for (int32_t i = 0; i < n; ++i) {
    api_versions_response_key k;
    k.api_key = r.i16();
    k.min_version = r.i16();
    k.max_version = r.i16();
    if (flexible) r.skip_tagged_fields();
    out.api_keys.push_back(k);
  }
  if (version >= 1) out.throttle_time_ms = r.i32();
  if (flexible) r.skip_tagged_fields();
  return out;
}

void api_versions_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, api_versions_min_version, api_versions_max_version);
  const bool flexible = version >= api_versions_first_flexible_version;
  w.i16(static_cast<int16_t>(error_code));
  const auto n = static_cast<int32_t>(api_keys.size());
  flexible ? w.compact_array_length(n) : w.array_length(n);
  for (const auto& k : api_keys) {
    w.i16(k.api_key);
    w.i16(k.min_version);
    w.i16(k.max_version);
    if (flexible) w.empty_tagged_fields();
  }
  if (version >= 1) w.i32(throttle_time_ms);
  if (flexible) w.empty_tagged_fields();
}

void encode_unsupported_api_versions_response(wire_writer& w) {
  api_versions_response reply;
  reply.error_code = protocol::error_code::unsupported_version;
  reply.api_keys.push_back(
      {static_cast<int16_t>(api_key::api_versions), api_versions_min_version, api_versions_max_version});
  reply.encode(w, 0);
}

bool is_valid_client_software_field(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  for (char c : s) {
    if (!is_alnum(c) && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace kb::protocol
