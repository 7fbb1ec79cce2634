#pragma once

#include <cstdint>
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

}  // namespace kb::protocol
