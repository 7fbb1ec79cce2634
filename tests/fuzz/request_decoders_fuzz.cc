// libFuzzer target: one request frame (the bytes after the int32 size) through the broker's
// decoders, as connection.cc and serve() take it: the first 8 bytes pick the API and version,
// a version the broker does not implement is refused before any decoding, the header is read
// (v2 for flexible versions), then the body. A decode_error is the only way to fail; a request
// that decodes must survive check_round_trip.

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

#include "brokerd/protocol/apis.h"
#include "brokerd/protocol/request_header.h"
#include "tests/fuzz/message_round_trip.h"

namespace {

using namespace kb::protocol;

template <class Api>
void decode_frame(std::vector<std::byte>& frame, const request_prefix& prefix) {
  if (prefix.api_version < Api::min_version || prefix.api_version > Api::max_version) return;
  const bool flexible = prefix.api_version >= Api::first_flexible_version;
  typename Api::request request;
  try {
    wire_reader r(frame);
    request_header::read(r, flexible);
    std::span<std::byte> body = std::span<std::byte>(frame).subspan(r.position());
    request = decode_request<typename Api::request>(body, prefix.api_version);
  } catch (const decode_error&) {
    return;
  }
  kb::fuzz::check_round_trip(request, prefix.api_version);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;  // connection.cc closes the connection on a frame this short
  std::vector<std::byte> frame(reinterpret_cast<const std::byte*>(data), reinterpret_cast<const std::byte*>(data) + size);
  const request_prefix prefix = peek_request_prefix(frame);
  std::apply(
      [&](auto... api) {
        ((static_cast<int16_t>(decltype(api)::key) == prefix.api_key ? decode_frame<decltype(api)>(frame, prefix)
                                                                       : void()),
         ...);
      },
      all_apis{});
  return 0;
}
