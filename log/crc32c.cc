#include "log/crc32c.h"

#include <isa-l/crc.h>

#include <limits>

namespace kb::log {

uint32_t crc32c(std::span<const std::byte> data) {
  // ISA-L's crc32_iscsi neither pre- nor post-inverts; the standard CRC-32C does both.
  uint32_t crc = 0xFFFFFFFFu;
  auto* p = reinterpret_cast<unsigned char*>(const_cast<std::byte*>(data.data()));
  size_t left = data.size();
  while (left > 0) {
    int chunk = static_cast<int>(std::min<size_t>(left, std::numeric_limits<int>::max()));
    crc = crc32_iscsi(p, chunk, crc);
    p += chunk;
    left -= static_cast<size_t>(chunk);
  }
  return ~crc;
}

}  // namespace kb::log
