// CRC-32C (Castagnoli) as RecordBatch v2 uses it: known vectors and agreement with a slow
// bit-at-a-time reference over large and unaligned inputs.
#include "log/crc32c.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace kb::log {
namespace {

std::span<const std::byte> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

// Reflected CRC-32C, one bit at a time: slow but obviously correct.
uint32_t reference_crc32c(std::span<const std::byte> data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (std::byte b : data) {
    crc ^= static_cast<uint8_t>(b);
    for (int i = 0; i < 8; ++i) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::vector<std::byte> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::byte> out(n);
  for (auto& b : out) b = static_cast<std::byte>(rng() & 0xFF);
  return out;
}

TEST(Crc32cTest, CheckValueOfDigitString) {
  EXPECT_EQ(crc32c(as_bytes("123456789")), 0xE3069283u);
}

TEST(Crc32cTest, ThirtyTwoZeroBytes) {
  std::vector<std::byte> zeros(32, std::byte{0});
  EXPECT_EQ(crc32c(zeros), 0x8A9136AAu);
}

TEST(Crc32cTest, ThirtyTwoOnesBytes) {
  // The second RFC 3720 (iSCSI) B.4 vector.
  std::vector<std::byte> ones(32, std::byte{0xFF});
  EXPECT_EQ(crc32c(ones), 0x62A8AB43u);
}

TEST(Crc32cTest, EmptyInputIsZero) {
  EXPECT_EQ(crc32c(std::span<const std::byte>{}), 0u);
}

TEST(Crc32cTest, ReferenceImplementationAgreesWithKnownVector) {
  // Guards the reference used by the tests below.
  EXPECT_EQ(reference_crc32c(as_bytes("123456789")), 0xE3069283u);
}

TEST(Crc32cTest, LargeBufferMatchesReference) {
  // 1 MiB + 13: long enough for every SIMD path of the accelerated code plus a ragged tail.
  auto data = random_bytes((1u << 20) + 13, 42);
  EXPECT_EQ(crc32c(data), reference_crc32c(data));
}

TEST(Crc32cTest, EveryLengthUpTo256MatchesReference) {
  auto data = random_bytes(256, 7);
  for (size_t n = 0; n <= data.size(); ++n) {
    std::span<const std::byte> prefix(data.data(), n);
    ASSERT_EQ(crc32c(prefix), reference_crc32c(prefix)) << "length " << n;
  }
}

TEST(Crc32cTest, UnalignedInputGivesSameCrcAsAligned) {
  auto payload = random_bytes(4099, 99);
  const uint32_t expected = crc32c(payload);
  for (size_t shift = 1; shift < 16; ++shift) {
    std::vector<std::byte> buf(shift + payload.size());
    std::copy(payload.begin(), payload.end(), buf.begin() + static_cast<std::ptrdiff_t>(shift));
    std::span<const std::byte> unaligned(buf.data() + shift, payload.size());
    EXPECT_EQ(crc32c(unaligned), expected) << "shift " << shift;
  }
}

TEST(Crc32cTest, SingleBitFlipChangesCrc) {
  auto data = random_bytes(1000, 5);
  const uint32_t before = crc32c(data);
  data[500] ^= std::byte{0x01};
  EXPECT_NE(crc32c(data), before);
}

}  // namespace
}  // namespace kb::log
