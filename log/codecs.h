#pragma once

// One function pair per codec; compression.cc dispatches on compression_type.
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "log/decompress_stream.h"
#include "log/errc.h"

namespace kb::log::codecs {

std::vector<std::byte> gzip_compress(std::span<const std::byte> in);
result<std::vector<std::byte>> gzip_decompress(std::span<const std::byte> in, size_t max_out);
std::vector<std::byte> snappy_compress(std::span<const std::byte> in);
result<std::vector<std::byte>> snappy_decompress(std::span<const std::byte> in, size_t max_out);
std::vector<std::byte> lz4_compress(std::span<const std::byte> in);
result<std::vector<std::byte>> lz4_decompress(std::span<const std::byte> in, size_t max_out);
std::vector<std::byte> zstd_compress(std::span<const std::byte> in);
result<std::vector<std::byte>> zstd_decompress(std::span<const std::byte> in, size_t max_out);

// The streaming forms (see decompress_stream); `in` must outlive the stream.
std::unique_ptr<decompress_stream> gzip_stream(std::span<const std::byte> in);
std::unique_ptr<decompress_stream> snappy_stream(std::span<const std::byte> in, size_t max_block_bytes);
std::unique_ptr<decompress_stream> lz4_stream(std::span<const std::byte> in);
std::unique_ptr<decompress_stream> zstd_stream(std::span<const std::byte> in);

}  // namespace kb::log::codecs
