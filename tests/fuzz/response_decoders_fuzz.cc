// libFuzzer target: response bodies through the decoders that the replica fetcher and the
// tools use on what another broker sends (a Fetch response from a leader, a Metadata answer).
// Input: int16 api key, int16 version (big-endian), then the body after the response header.
// A decode_error is the only way to fail; a response that decodes must survive
// check_round_trip.

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

#include "brokerd/protocol/apis.h"
#include "log/big_endian.h"
#include "tests/fuzz/message_round_trip.h"

namespace {

using namespace kb::protocol;

template <class Api>
void decode_response(std::vector<std::byte>& body, int16_t version) {
  if (version < Api::min_version || version > Api::max_version) return;
  typename Api::response response;
  try {
    response = decode_body<typename Api::response>(body, version);
  } catch (const decode_error&) {
    return;
  }
  kb::fuzz::check_round_trip(response, version);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const auto* bytes = reinterpret_cast<const std::byte*>(data);
  const int16_t key = kb::be::load<int16_t>(bytes);
  const int16_t version = kb::be::load<int16_t>(bytes + 2);
  std::vector<std::byte> body(bytes + 4, bytes + size);
  std::apply(
      [&](auto... api) {
        ((static_cast<int16_t>(decltype(api)::key) == key ? decode_response<decltype(api)>(body, version) : void()),
         ...);
      },
      all_apis{});
  return 0;
}
