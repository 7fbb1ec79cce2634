#include "zkmeta/admin/kafka_uuid.h"

#include <array>
#include <memory>
#include <random>

namespace kb::zkmeta {

random_bits default_random_bits() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return (*engine)(); };
}

std::string kafka_uuid_string(uint64_t most_significant, uint64_t least_significant) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::array<uint8_t, 16> bytes{};
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<uint8_t>(most_significant >> (56 - 8 * i));
    bytes[8 + i] = static_cast<uint8_t>(least_significant >> (56 - 8 * i));
  }
  std::string out;
  out.reserve(22);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  // One byte left (16 = 5 * 3 + 1): two characters, no padding.
  const uint32_t v = uint32_t{bytes[i]} << 16;
  out += alphabet[(v >> 18) & 63];
  out += alphabet[(v >> 12) & 63];
  return out;
}

std::string random_kafka_uuid(const random_bits& random) {
  for (;;) {
    uint64_t msb = random();
    uint64_t lsb = random();
    msb = (msb & ~uint64_t{0xf000}) | 0x4000;                                  // version 4
    lsb = (lsb & ~(uint64_t{0xc0} << 56)) | (uint64_t{0x80} << 56);            // IETF variant
    // With the version bits set the id can be neither zero nor (0, 1); only the '-' rule bites.
    std::string text = kafka_uuid_string(msb, lsb);
    if (text.front() != '-') return text;
  }
}

}  // namespace kb::zkmeta
