#include <zlib.h>

#include <cstring>
#include <stdexcept>

#include "log/codecs.h"

namespace kb::log::codecs {
namespace {
constexpr int gzip_window_bits = 15 + 16;     // write a gzip wrapper
constexpr int detect_window_bits = 15 + 32;   // accept gzip or zlib wrappers
}  // namespace

std::vector<std::byte> gzip_compress(std::span<const std::byte> in) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::vector<std::byte> out(deflateBound(&zs, in.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip deflate did not finish");
  out.resize(zs.total_out);
  return out;
}

result<std::vector<std::byte>> gzip_decompress(std::span<const std::byte> in, size_t max_out) {
  z_stream zs{};
  if (inflateInit2(&zs, detect_window_bits) != Z_OK) return errc::decompression_failed;
  std::vector<std::byte> out(std::min(max_out, std::max<size_t>(in.size() * 4, 4096)));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  // Our own count: inflateReset (between concatenated members) zeroes zs.total_out.
  size_t produced = 0;
  int rc = Z_OK;
  while (true) {
    if (produced == out.size()) {
      if (out.size() >= max_out) break;
      out.resize(std::min(max_out, out.size() * 2));
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out.size() - produced);
    rc = inflate(&zs, Z_NO_FLUSH);
    produced = out.size() - zs.avail_out;
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are legal; continue with the next one if bytes remain.
      if (zs.avail_in == 0 || inflateReset(&zs) != Z_OK) break;
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return errc::decompression_failed;
  out.resize(produced);
  return out;
}

}  // namespace kb::log::codecs

namespace kb::log::codecs {
namespace {

// zlib's inflate into the caller's buffer; memory is zlib's 32 KiB window whatever the
// payload claims. Concatenated members are read one after another.
class gzip_decompress_stream final : public decompress_stream {
 public:
  explicit gzip_decompress_stream(std::span<const std::byte> in) {
    ok_ = inflateInit2(&zs_, detect_window_bits) == Z_OK;
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data()));
    zs_.avail_in = static_cast<uInt>(in.size());
  }
  ~gzip_decompress_stream() override {
    if (ok_) inflateEnd(&zs_);
  }

  result<size_t> read(std::span<std::byte> out) override {
    if (!ok_) return errc::decompression_failed;
    if (ended_) return size_t{0};
    zs_.next_out = reinterpret_cast<Bytef*>(out.data());
    zs_.avail_out = static_cast<uInt>(out.size());
    while (zs_.avail_out == out.size() && !ended_) {
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Concatenated members are legal gzip; anything after the last must be one.
        if (zs_.avail_in == 0) {
          ended_ = true;
        } else if (inflateReset(&zs_) != Z_OK) {
          return errc::decompression_failed;
        }
      } else if (rc != Z_OK) {
        // Z_BUF_ERROR with output room left means the input ended inside a member.
        return errc::decompression_failed;
      }
    }
    return out.size() - zs_.avail_out;
  }

 private:
  z_stream zs_{};
  bool ok_ = false;
  bool ended_ = false;
};

}  // namespace

std::unique_ptr<decompress_stream> gzip_stream(std::span<const std::byte> in) {
  return std::make_unique<gzip_decompress_stream>(in);
}

}  // namespace kb::log::codecs
