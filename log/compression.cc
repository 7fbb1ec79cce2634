#include "log/compression.h"

#include <algorithm>
#include <string>

#include "log/codecs.h"

namespace kb::log {

std::string to_string(compression_type c) {
  switch (c) {
    case compression_type::none: return "NONE";
    case compression_type::gzip: return "GZIP";
    case compression_type::snappy: return "SNAPPY";
    case compression_type::lz4: return "LZ4";
    case compression_type::zstd: return "ZSTD";
  }
  return "UNKNOWN(" + std::to_string(static_cast<int>(c)) + ")";
}

result<compression_type> parse_compression_type(std::string_view name) {
  if (name == "none" || name == "uncompressed") return compression_type::none;
  if (name == "gzip") return compression_type::gzip;
  if (name == "snappy") return compression_type::snappy;
  if (name == "lz4") return compression_type::lz4;
  if (name == "zstd") return compression_type::zstd;
  return errc::unsupported_compression;
}

std::vector<std::byte> compress(compression_type c, std::span<const std::byte> in) {
  switch (c) {
    case compression_type::none: return {in.begin(), in.end()};
    case compression_type::gzip: return codecs::gzip_compress(in);
    case compression_type::snappy: return codecs::snappy_compress(in);
    case compression_type::lz4: return codecs::lz4_compress(in);
    case compression_type::zstd: return codecs::zstd_compress(in);
  }
  return {in.begin(), in.end()};
}

result<std::vector<std::byte>> decompress(compression_type c, std::span<const std::byte> in,
                                          size_t max_out) {
  switch (c) {
    case compression_type::none: return std::vector<std::byte>(in.begin(), in.end());
    case compression_type::gzip: return codecs::gzip_decompress(in, max_out);
    case compression_type::snappy: return codecs::snappy_decompress(in, max_out);
    case compression_type::lz4: return codecs::lz4_decompress(in, max_out);
    case compression_type::zstd: return codecs::zstd_decompress(in, max_out);
  }
  return errc::unsupported_compression;
}

}  // namespace kb::log

namespace kb::log {
namespace {

// An uncompressed payload served as a stream (tests and callers that treat codecs alike).
class plain_stream final : public decompress_stream {
 public:
  explicit plain_stream(std::span<const std::byte> in) : in_(in) {}
  result<size_t> read(std::span<std::byte> out) override {
    size_t n = std::min(out.size(), in_.size() - at_);
    std::copy_n(in_.data() + at_, n, out.data());
    at_ += n;
    return n;
  }

 private:
  std::span<const std::byte> in_;
  size_t at_ = 0;
};

}  // namespace

std::unique_ptr<decompress_stream> open_decompress_stream(compression_type c, std::span<const std::byte> payload,
                                                          size_t max_block_bytes) {
  switch (c) {
    case compression_type::none: return std::make_unique<plain_stream>(payload);
    case compression_type::gzip: return codecs::gzip_stream(payload);
    case compression_type::snappy: return codecs::snappy_stream(payload, max_block_bytes);
    case compression_type::lz4: return codecs::lz4_stream(payload);
    case compression_type::zstd: return codecs::zstd_stream(payload);
  }
  return nullptr;
}

}  // namespace kb::log
