#include <lz4frame.h>

#include <stdexcept>

#include "log/codecs.h"

// Magic-2 batches use the standard LZ4 frame format (KafkaLZ4BlockOutputStream writes it).
namespace kb::log::codecs {

std::vector<std::byte> lz4_compress(std::span<const std::byte> in) {
  LZ4F_preferences_t prefs{};
  prefs.frameInfo.blockSizeID = LZ4F_max64KB;
  std::vector<std::byte> out(LZ4F_compressFrameBound(in.size(), &prefs));
  size_t n = LZ4F_compressFrame(out.data(), out.size(), in.data(), in.size(), &prefs);
  if (LZ4F_isError(n)) throw std::runtime_error(LZ4F_getErrorName(n));
  out.resize(n);
  return out;
}

result<std::vector<std::byte>> lz4_decompress(std::span<const std::byte> in, size_t max_out) {
  LZ4F_dctx* dctx = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION))) return errc::decompression_failed;
  std::vector<std::byte> out(std::min(max_out, std::max<size_t>(in.size() * 4, 64 * 1024)));
  size_t in_at = 0, out_at = 0, hint = 1;
  bool ok = true;
  while (in_at < in.size() && hint != 0) {
    if (out_at == out.size()) {
      if (out.size() >= max_out) { ok = false; break; }
      out.resize(std::min(max_out, out.size() * 2));
    }
    size_t src = in.size() - in_at, dst = out.size() - out_at;
    hint = LZ4F_decompress(dctx, out.data() + out_at, &dst, in.data() + in_at, &src, nullptr);
    if (LZ4F_isError(hint)) { ok = false; break; }
    in_at += src;
    out_at += dst;
  }
  LZ4F_freeDecompressionContext(dctx);
  if (!ok || hint != 0) return errc::decompression_failed;
  out.resize(out_at);
  return out;
}

}  // namespace kb::log::codecs

namespace kb::log::codecs {
namespace {

// LZ4F_decompress into the caller's buffer; memory is at most one block (4 MiB, the frame
// format's largest) in the decompression context. Consecutive frames are read in turn.
class lz4_decompress_stream final : public decompress_stream {
 public:
  explicit lz4_decompress_stream(std::span<const std::byte> in) : in_(in) {
    ok_ = !LZ4F_isError(LZ4F_createDecompressionContext(&dctx_, LZ4F_VERSION));
  }
  ~lz4_decompress_stream() override { LZ4F_freeDecompressionContext(dctx_); }

  result<size_t> read(std::span<std::byte> out) override {
    if (!ok_) return errc::decompression_failed;
    size_t written = 0;
    while (written == 0) {
      if (frame_done_ && at_ == in_.size()) return size_t{0};
      size_t src = in_.size() - at_, dst = out.size();
      size_t hint = LZ4F_decompress(dctx_, out.data(), &dst, in_.data() + at_, &src, nullptr);
      if (LZ4F_isError(hint)) return errc::decompression_failed;
      at_ += src;
      written = dst;
      frame_done_ = hint == 0;
      // Nothing consumed or produced: the input ended inside a frame.
      if (src == 0 && dst == 0 && !frame_done_) return errc::decompression_failed;
    }
    return written;
  }

 private:
  std::span<const std::byte> in_;
  size_t at_ = 0;
  LZ4F_dctx* dctx_ = nullptr;
  bool ok_ = false;
  bool frame_done_ = false;  // an empty payload is not an LZ4 frame
};

}  // namespace

std::unique_ptr<decompress_stream> lz4_stream(std::span<const std::byte> in) {
  return std::make_unique<lz4_decompress_stream>(in);
}

}  // namespace kb::log::codecs
