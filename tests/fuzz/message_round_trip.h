#pragma once

// What the decoder fuzz targets check of a message that decoded: it encodes at the version it
// was decoded at, and decoding that encoding gives a message that encodes to the same bytes.
// (The first encoding may differ from the fuzzer's input: unknown tagged fields are dropped,
// a null array may come back empty. From then on the codecs must agree with each other.)

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <variant>
#include <vector>

#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/response_buffer.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

// `message` encoded at `version`, as one byte string.
template <class Message>
std::vector<std::byte> encoded(const Message& message, int16_t version) {
  if constexpr (requires(protocol::wire_writer& w) { message.encode(w, version); }) {
    protocol::wire_writer w;
    message.encode(w, version);
    return std::move(w).take();
  } else {
    protocol::response_buffer out;  // Fetch responses: a decoded one owns its records
    message.encode(out, version);
    std::vector<std::byte> all;
    for (auto& chunk : out.take()) {
      auto* bytes = std::get_if<std::vector<std::byte>>(&chunk);
      if (!bytes) fail("a decoded message encoded a file slice");
      all.insert(all.end(), bytes->begin(), bytes->end());
    }
    return all;
  }
}

// Decodes `bytes` as Message at `version` the way the broker or a client would.
template <class Message>
Message decoded(std::vector<std::byte>& bytes, int16_t version) {
  return protocol::decode_request<Message>(std::span<std::byte>(bytes), version);
}

template <class Message>
void check_round_trip(const Message& message, int16_t version) {
  std::vector<std::byte> first = encoded(message, version);
  std::vector<std::byte> copy = first;
  Message again;
  try {
    again = decoded<Message>(copy, version);
  } catch (const protocol::decode_error& e) {
    std::fprintf(stderr, "re-decoding failed: %s\n", e.what());
    fail("a message's own encoding does not decode");
  }
  if (encoded(again, version) != first) fail("encode(decode(encode(m))) differs from encode(m)");
}

}  // namespace kb::fuzz
