#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kb::log {

// XXH32 of fewer than 16 bytes (the short-input path of the xxHash spec), enough for the
// LZ4 frame descriptor, which is at most 14 bytes.
uint32_t xxh32_short(std::span<const std::byte> data, uint32_t seed = 0);

// The header checksum byte of an LZ4 frame: (XXH32(descriptor) >> 8) & 0xFF, where the
// descriptor runs from the FLG byte to just before the checksum.
//
// Kafka clients writing magic-0 messages (before 0.10, KAFKA-3160) computed it over the
// 4-byte frame magic as well, and Kafka reads magic-0 LZ4 wrappers without checking that
// byte. liblz4 always checks it, so magic-0 frames go through with_lz4_header_checksum
// first: a copy of `frame` with the byte recomputed the standard way. A frame too short to
// hold its descriptor, or without the LZ4 magic, is copied unchanged (and then fails to
// decompress as usual).
std::vector<std::byte> with_lz4_header_checksum(std::span<const std::byte> frame);

}  // namespace kb::log
