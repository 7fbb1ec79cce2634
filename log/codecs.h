#pragma once

// One function pair per codec; compression.cc dispatches on compression_type.
#include <cstddef>
#include <span>
#include <vector>

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

}  // namespace kb::log::codecs
