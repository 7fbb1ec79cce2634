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
