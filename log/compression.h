#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "log/errc.h"

namespace kb::log {

// The codec ids of a batch's attributes bits 0-2, as Kafka numbers them.
enum class compression_type : int8_t { none = 0, gzip = 1, snappy = 2, lz4 = 3, zstd = 4 };

// "NONE", "GZIP", "SNAPPY", "LZ4", "ZSTD" (kafka-dump-log's spelling); "UNKNOWN(n)" otherwise.
std::string to_string(compression_type c);

// Parses Kafka's compression.type names ("none", "gzip", "snappy", "lz4", "zstd").
result<compression_type> parse_compression_type(std::string_view name);

// Decompression never produces more than this, so a hostile payload cannot exhaust memory.
inline constexpr size_t max_decompressed_bytes = 256u << 20;

// Compresses `input` in the framing Kafka clients write: gzip (RFC 1952), snappy (xerial
// framing), lz4 (LZ4 frame), zstd (zstd frame).
std::vector<std::byte> compress(compression_type c, std::span<const std::byte> input);

// Inverse of compress; also accepts raw (unframed) snappy, as the Java client does.
result<std::vector<std::byte>> decompress(compression_type c, std::span<const std::byte> input,
                                          size_t max_output = max_decompressed_bytes);

}  // namespace kb::log
