#pragma once

#include <cstdint>
#include <string_view>

namespace kb::protocol {

// A codec knows only the layouts of its versions [min, max]; any other version is refused,
// never guessed (a flexible version read as a classic one would decode garbage).
// Throws decode_error: the peer sent a version this codec cannot read.
void check_decode_version(std::string_view message, int16_t version, int16_t min, int16_t max);
// Throws std::invalid_argument: encoding an unsupported version is a caller bug.
void check_encode_version(std::string_view message, int16_t version, int16_t min, int16_t max);

}  // namespace kb::protocol
