#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "brokerd/protocol/wire_reader.h"

namespace kb::protocol {

// Throws decode_error("unexpected N trailing bytes after <what>") unless `r` consumed its
// whole input. A body is exactly one message: Kafka's parsers reject leftovers, so do we.
void expect_fully_consumed(const wire_reader& r, std::string_view what);

// Decodes a complete request or response body (everything after the header) as T at
// `version`, rejecting trailing bytes. T provides `static T decode(wire_reader&, int16_t)`
// and a `static constexpr std::string_view message_name`.
template <class T>
T decode_body(bytes_view body, int16_t version) {
  wire_reader r(body);
  T message = T::decode(r, version);
  expect_fully_consumed(r, T::message_name);
  return message;
}

// Decodes a request body as the broker does: in place when the message keeps views into the
// frame (Produce's record batches, which the leader stamps with offsets), else as decode_body.
template <class Request>
Request decode_request(std::span<std::byte> body, int16_t version) {
  if constexpr (requires { Request::decode(body, version); }) {
    return Request::decode(body, version);
  } else {
    return decode_body<Request>(body, version);
  }
}

}  // namespace kb::protocol
