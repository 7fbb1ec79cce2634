#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace kb::log {

// CRC-32C (Castagnoli), as RecordBatch v2 uses. Hardware-accelerated through ISA-L.
uint32_t crc32c(std::span<const std::byte> data);

}  // namespace kb::log
