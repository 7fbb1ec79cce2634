#include <snappy.h>

#include <array>
#include <cstring>

#include "log/big_endian.h"
#include "log/codecs.h"

// Kafka's Java client and librdkafka frame snappy the way xerial's SnappyOutputStream does:
// an 8-byte magic, two int32 versions (1, 1), then blocks of [int32 length][raw snappy block].
namespace kb::log::codecs {
namespace {
constexpr std::array<unsigned char, 8> xerial_magic = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr size_t xerial_header_size = 16;
constexpr size_t xerial_block_size = 32 * 1024;

bool has_xerial_header(std::span<const std::byte> in) {
  return in.size() >= xerial_header_size && std::memcmp(in.data(), xerial_magic.data(), 8) == 0;
}

bool append_raw_block(std::span<const std::byte> block, std::vector<std::byte>& out, size_t max_out) {
  size_t len = 0;
  auto* src = reinterpret_cast<const char*>(block.data());
  if (!snappy::GetUncompressedLength(src, block.size(), &len)) return false;
  if (out.size() + len > max_out) return false;
  size_t at = out.size();
  out.resize(at + len);
  return snappy::RawUncompress(src, block.size(), reinterpret_cast<char*>(out.data() + at));
}
}  // namespace

std::vector<std::byte> snappy_compress(std::span<const std::byte> in) {
  std::vector<std::byte> out(xerial_header_size);
  std::memcpy(out.data(), xerial_magic.data(), 8);
  be::store<int32_t>(out.data() + 8, 1);
  be::store<int32_t>(out.data() + 12, 1);
  for (size_t at = 0; at < in.size(); at += xerial_block_size) {
    size_t n = std::min(xerial_block_size, in.size() - at);
    size_t header_at = out.size();
    out.resize(header_at + 4 + snappy::MaxCompressedLength(n));
    size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(in.data() + at), n,
                        reinterpret_cast<char*>(out.data() + header_at + 4), &written);
    be::store<int32_t>(out.data() + header_at, static_cast<int32_t>(written));
    out.resize(header_at + 4 + written);
  }
  return out;
}

result<std::vector<std::byte>> snappy_decompress(std::span<const std::byte> in, size_t max_out) {
  std::vector<std::byte> out;
  if (!has_xerial_header(in)) {
    if (!append_raw_block(in, out, max_out)) return errc::decompression_failed;
    return out;
  }
  size_t at = xerial_header_size;
  while (at < in.size()) {
    if (in.size() - at < 4) return errc::decompression_failed;
    int32_t len = be::load<int32_t>(in.data() + at);
    at += 4;
    if (len < 0 || static_cast<size_t>(len) > in.size() - at) return errc::decompression_failed;
    if (!append_raw_block(in.subspan(at, static_cast<size_t>(len)), out, max_out)) {
      return errc::decompression_failed;
    }
    at += static_cast<size_t>(len);
  }
  return out;
}

}  // namespace kb::log::codecs

namespace kb::log::codecs {
namespace {

// Snappy blocks are not streamable: each (raw snappy is a single block) is decompressed
// whole into a buffer, then handed out in pieces. The buffer is bounded by max_block_bytes
// and by what the block's bytes can expand to (a length it claims beyond is refused before
// anything is allocated).
class snappy_decompress_stream final : public decompress_stream {
 public:
  snappy_decompress_stream(std::span<const std::byte> in, size_t max_block_bytes)
      : in_(in), max_block_bytes_(max_block_bytes), xerial_(has_xerial_header(in)) {
    at_ = xerial_ ? xerial_header_size : 0;
  }

  result<size_t> read(std::span<std::byte> out) override {
    while (block_at_ == block_.size()) {
      if (at_ == in_.size() && (xerial_ || raw_done_)) return size_t{0};
      if (!next_block()) return errc::decompression_failed;
    }
    size_t n = std::min(out.size(), block_.size() - block_at_);
    std::memcpy(out.data(), block_.data() + block_at_, n);
    block_at_ += n;
    return n;
  }

 private:
  bool next_block() {
    std::span<const std::byte> block;
    if (xerial_) {
      if (in_.size() - at_ < 4) return false;
      int32_t len = be::load<int32_t>(in_.data() + at_);
      at_ += 4;
      if (len < 0 || static_cast<size_t>(len) > in_.size() - at_) return false;
      block = in_.subspan(at_, static_cast<size_t>(len));
      at_ += static_cast<size_t>(len);
    } else {
      block = in_;
      at_ = in_.size();
      raw_done_ = true;
    }
    size_t len = 0;
    auto* src = reinterpret_cast<const char*>(block.data());
    if (!snappy::GetUncompressedLength(src, block.size(), &len) || len > max_block_bytes_) return false;
    // Snappy's densest element, a 3-byte copy of 64 bytes, expands 21.3 times.
    if (len > 22 * block.size() + 64) return false;
    block_.resize(len);
    block_at_ = 0;
    return snappy::RawUncompress(src, block.size(), reinterpret_cast<char*>(block_.data()));
  }

  std::span<const std::byte> in_;
  size_t max_block_bytes_;
  bool xerial_;
  bool raw_done_ = false;
  size_t at_ = 0;
  std::vector<std::byte> block_;
  size_t block_at_ = 0;
};

}  // namespace

std::unique_ptr<decompress_stream> snappy_stream(std::span<const std::byte> in, size_t max_block_bytes) {
  return std::make_unique<snappy_decompress_stream>(in, max_block_bytes);
}

}  // namespace kb::log::codecs
