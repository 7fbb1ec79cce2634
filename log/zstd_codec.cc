#include <zstd.h>

#include <stdexcept>

#include "log/codecs.h"

namespace kb::log::codecs {

std::vector<std::byte> zstd_compress(std::span<const std::byte> in) {
  std::vector<std::byte> out(ZSTD_compressBound(in.size()));
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), ZSTD_CLEVEL_DEFAULT);
  if (ZSTD_isError(n)) throw std::runtime_error(ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

result<std::vector<std::byte>> zstd_decompress(std::span<const std::byte> in, size_t max_out) {
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  if (!dctx) return errc::decompression_failed;
  std::vector<std::byte> out(std::min(max_out, std::max<size_t>(in.size() * 4, 64 * 1024)));
  ZSTD_inBuffer src{in.data(), in.size(), 0};
  size_t out_at = 0, rc = 1;
  bool ok = true;
  while (src.pos < src.size || rc != 0) {
    if (out_at == out.size()) {
      if (out.size() >= max_out) { ok = false; break; }
      out.resize(std::min(max_out, out.size() * 2));
    }
    ZSTD_outBuffer dst{out.data(), out.size(), out_at};
    size_t before_in = src.pos;
    rc = ZSTD_decompressStream(dctx, &dst, &src);
    if (ZSTD_isError(rc)) { ok = false; break; }
    bool progressed = dst.pos != out_at || src.pos != before_in;
    out_at = dst.pos;
    if (!progressed && src.pos == src.size) { ok = rc == 0; break; }
  }
  ZSTD_freeDCtx(dctx);
  if (!ok || rc != 0) return errc::decompression_failed;
  out.resize(out_at);
  return out;
}

}  // namespace kb::log::codecs

namespace kb::log::codecs {
namespace {

// A frame is decoded through zstd's window: a frame that asks for more than 16 MiB of
// window (producers' frames of a batch need far less) is refused rather than allocated.
constexpr int max_window_log = 24;

// ZSTD_decompressStream into the caller's buffer; consecutive frames are read in turn.
class zstd_decompress_stream final : public decompress_stream {
 public:
  explicit zstd_decompress_stream(std::span<const std::byte> in) : dctx_(ZSTD_createDCtx()), src_{in.data(), in.size(), 0} {
    if (dctx_ && ZSTD_isError(ZSTD_DCtx_setParameter(dctx_, ZSTD_d_windowLogMax, max_window_log))) {
      ZSTD_freeDCtx(dctx_);
      dctx_ = nullptr;
    }
  }
  ~zstd_decompress_stream() override { ZSTD_freeDCtx(dctx_); }

  result<size_t> read(std::span<std::byte> out) override {
    if (!dctx_) return errc::decompression_failed;
    ZSTD_outBuffer dst{out.data(), out.size(), 0};
    while (dst.pos == 0) {
      // Between frames (or before the first) with no input left: a clean end.
      if (frame_done_ && src_.pos == src_.size) return size_t{0};
      size_t before = src_.pos;
      size_t rc = ZSTD_decompressStream(dctx_, &dst, &src_);
      if (ZSTD_isError(rc)) return errc::decompression_failed;
      frame_done_ = rc == 0;
      // No progress on either side: the input ended inside a frame.
      if (dst.pos == 0 && src_.pos == before && !frame_done_) return errc::decompression_failed;
    }
    return dst.pos;
  }

 private:
  ZSTD_DCtx* dctx_;
  ZSTD_inBuffer src_;
  bool frame_done_ = false;  // an empty payload is not a zstd frame
};

}  // namespace

std::unique_ptr<decompress_stream> zstd_stream(std::span<const std::byte> in) {
  return std::make_unique<zstd_decompress_stream>(in);
}

}  // namespace kb::log::codecs
