#include "log/lz4_frame_checksum.h"

#include <bit>
#include <glog/logging.h>

namespace kb::log {
namespace {

constexpr uint32_t prime1 = 2654435761U;
constexpr uint32_t prime2 = 2246822519U;
constexpr uint32_t prime3 = 3266489917U;
constexpr uint32_t prime4 = 668265263U;
constexpr uint32_t prime5 = 374761393U;

uint32_t load_le32(const std::byte* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}

constexpr uint32_t lz4_frame_magic = 0x184D2204;  // little-endian on the wire
constexpr size_t flg_offset = 4;
constexpr uint8_t flg_content_size = 0x08;
constexpr uint8_t flg_dict_id = 0x01;

}  // namespace

uint32_t xxh32_short(std::span<const std::byte> data, uint32_t seed) {
  // The long-input path (16-byte stripes) is not implemented.
  CHECK_LT(data.size(), 16u);
  uint32_t h = seed + prime5 + static_cast<uint32_t>(data.size());
  size_t at = 0;
  for (; data.size() - at >= 4; at += 4) {
    h += load_le32(data.data() + at) * prime3;
    h = std::rotl(h, 17) * prime4;
  }
  for (; at < data.size(); ++at) {
    h += static_cast<uint32_t>(data[at]) * prime5;
    h = std::rotl(h, 11) * prime1;
  }
  h ^= h >> 15;
  h *= prime2;
  h ^= h >> 13;
  h *= prime3;
  h ^= h >> 16;
  return h;
}

std::vector<std::byte> with_lz4_header_checksum(std::span<const std::byte> frame) {
  std::vector<std::byte> out(frame.begin(), frame.end());
  if (frame.size() < flg_offset + 3 || load_le32(frame.data()) != lz4_frame_magic) return out;
  const auto flg = static_cast<uint8_t>(frame[flg_offset]);
  // FLG and BD, then the optional 8-byte content size and 4-byte dictionary id.
  size_t descriptor = 2 + ((flg & flg_content_size) ? 8 : 0) + ((flg & flg_dict_id) ? 4 : 0);
  if (frame.size() < flg_offset + descriptor + 1) return out;
  uint32_t hash = xxh32_short(frame.subspan(flg_offset, descriptor));
  out[flg_offset + descriptor] = static_cast<std::byte>((hash >> 8) & 0xFF);
  return out;
}

}  // namespace kb::log
