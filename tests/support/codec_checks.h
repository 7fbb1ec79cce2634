#pragma once

// Property checks shared by the protocol message tests. T is a message struct with
// `static T decode(wire_reader&, int16_t)`, `void encode(wire_writer&, int16_t) const` and
// operator==. Every check uses gtest assertions, so call them inside a TEST.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::test {

// "00 01 ff" -> {0x00, 0x01, 0xff}; whitespace is ignored. For hand-written golden frames.
// Throws std::invalid_argument on any other character or an odd number of digits.
inline std::vector<std::byte> from_hex(std::string_view hex) {
  std::vector<std::byte> out;
  int high = -1;
  for (char c : hex) {
    if (c == ' ' || c == '\n' || c == '\t') continue;
    int nibble = (c >= '0' && c <= '9')   ? c - '0'
                 : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                 : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                          : -1;
    if (nibble < 0) throw std::invalid_argument(std::string("from_hex: not a hex digit: ") + c);
    if (high < 0) {
      high = nibble;
    } else {
      out.push_back(std::byte{static_cast<uint8_t>(high << 4 | nibble)});
      high = -1;
    }
  }
  if (high >= 0) throw std::invalid_argument("from_hex: odd number of hex digits");
  return out;
}

template <class T>
std::vector<std::byte> encode_message(const T& message, int16_t version) {
  protocol::wire_writer w;
  message.encode(w, version);
  return std::move(w).take();
}

// Decodes `bytes` and asserts the decoder consumed every byte.
template <class T>
T decode_message(std::span<const std::byte> bytes, int16_t version) {
  protocol::wire_reader r(bytes);
  T out = T::decode(r, version);
  EXPECT_EQ(r.remaining(), 0u) << "decoder left trailing bytes at v" << version;
  return out;
}

// encode(sent) decodes to `expected` (sent minus the fields the version lacks), and
// re-encoding the decoded message reproduces the same bytes. Returns the encoding.
template <class T>
std::vector<std::byte> expect_round_trip(const T& sent, const T& expected, int16_t version) {
  std::vector<std::byte> bytes = encode_message(sent, version);
  T decoded = decode_message<T>(bytes, version);
  EXPECT_TRUE(decoded == expected) << "round trip changed the message at v" << version;
  EXPECT_EQ(encode_message(decoded, version), bytes) << "re-encoding differs at v" << version;
  return bytes;
}

// Every strict prefix of a complete encoding must throw decode_error: a decoder that
// consumes the whole message reads past the end of any shorter input.
template <class T>
void expect_every_truncation_throws(std::span<const std::byte> bytes, int16_t version) {
  for (size_t len = 0; len < bytes.size(); ++len) {
    protocol::wire_reader r(bytes.first(len));
    EXPECT_THROW(T::decode(r, version), protocol::decode_error) << "prefix of " << len << " bytes at v" << version;
  }
}

// Applies `iterations` random mutations (bit flips, boundary bytes, insertions, deletions,
// truncations) to a valid encoding. Decoding each must either throw decode_error or
// succeed; a successful decode must survive encode -> decode unchanged. Any other
// exception (or a crash) fails the test. Deterministic for a given seed. Returns how many
// mutations decoded, so callers can check the run reached the success paths too.
template <class T>
int fuzz_decode(std::span<const std::byte> valid, int16_t version, uint32_t seed, int iterations = 3000) {
  std::mt19937 rng(seed);
  auto pick = [&rng](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  constexpr uint8_t boundary_bytes[] = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};
  int decoded_ok = 0;
  for (int i = 0; i < iterations; ++i) {
    std::vector<std::byte> input(valid.begin(), valid.end());
    const int edits = 1 + static_cast<int>(pick(3));
    for (int e = 0; e < edits; ++e) {
      switch (pick(5)) {
        case 0:  // flip one bit
          if (!input.empty()) input[pick(input.size())] ^= std::byte{static_cast<uint8_t>(1u << pick(8))};
          break;
        case 1:  // overwrite with a boundary value (length and count fields live here)
          if (!input.empty()) input[pick(input.size())] = std::byte{boundary_bytes[pick(std::size(boundary_bytes))]};
          break;
        case 2:  // insert a random byte
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(pick(input.size() + 1)),
                       std::byte{static_cast<uint8_t>(pick(256))});
          break;
        case 3:  // delete a byte
          if (!input.empty()) input.erase(input.begin() + static_cast<std::ptrdiff_t>(pick(input.size())));
          break;
        default:  // truncate
          input.resize(pick(input.size() + 1));
          break;
      }
    }
    try {
      protocol::wire_reader r(input);
      T decoded = T::decode(r, version);
      ++decoded_ok;
      std::vector<std::byte> again = encode_message(decoded, version);
      protocol::wire_reader r2(again);
      T redecoded = T::decode(r2, version);
      EXPECT_TRUE(redecoded == decoded) << "mutation " << i << " did not survive a round trip at v" << version;
      EXPECT_EQ(r2.remaining(), 0u);
    } catch (const protocol::decode_error&) {
      // expected for most mutations
    } catch (const std::exception& ex) {
      ADD_FAILURE() << "mutation " << i << " threw a non-decode_error exception at v" << version << ": " << ex.what();
    }
  }
  return decoded_ok;
}

}  // namespace kb::test
