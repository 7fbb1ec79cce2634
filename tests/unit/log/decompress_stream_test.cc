// decompress_stream for every codec: the same bytes as decompress() whatever the buffer
// size, a clean end, and decompression_failed (never a crash) on garbage, truncated input
// and bytes after the last frame.
#include "log/decompress_stream.h"

#include <gtest/gtest.h>
#include <snappy.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace kb::log {
namespace {

std::vector<std::byte> repetitive_bytes(size_t n) {
  constexpr std::string_view phrase = "records of a partition, 0123456789; ";
  std::vector<std::byte> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<std::byte>(phrase[i % phrase.size()]);
  return out;
}

std::vector<std::byte> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::byte> out(n);
  for (auto& b : out) b = static_cast<std::byte>(rng() & 0xFF);
  return out;
}

// Everything the stream yields, read `chunk` bytes at a time.
result<std::vector<std::byte>> drain(decompress_stream& s, size_t chunk) {
  std::vector<std::byte> out, buf(chunk);
  while (true) {
    auto n = s.read(buf);
    if (!n) return n.error();
    if (n.value() == 0) return out;
    EXPECT_LE(n.value(), chunk);
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n.value()));
  }
}

class DecompressStreamTest : public ::testing::TestWithParam<compression_type> {};
// The codecs that have framing to break (all but none).
class FramedStreamTest : public ::testing::TestWithParam<compression_type> {};
// Those whose frames say where they end, so bytes after the last are detectable as such.
class SelfEndingStreamTest : public ::testing::TestWithParam<compression_type> {};

TEST_P(DecompressStreamTest, YieldsWhatWasCompressedWhateverTheBufferSize) {
  const auto plain = repetitive_bytes(300'000);
  const auto packed = compress(GetParam(), plain);
  for (size_t chunk : {1u, 7u, 4096u, 1u << 20}) {
    auto s = open_decompress_stream(GetParam(), packed);
    auto got = drain(*s, chunk);
    ASSERT_TRUE(got) << "chunk " << chunk << ": " << got.error().message();
    EXPECT_EQ(got.value(), plain) << "chunk " << chunk;
  }
}

TEST_P(DecompressStreamTest, AnEmptyInputCompressedEndsAtOnce) {
  const auto packed = compress(GetParam(), {});
  auto s = open_decompress_stream(GetParam(), packed);
  auto got = drain(*s, 64);
  ASSERT_TRUE(got) << got.error().message();
  EXPECT_TRUE(got.value().empty());
}

TEST_P(FramedStreamTest, TruncatedInputFails) {
  const auto packed = compress(GetParam(), repetitive_bytes(100'000));
  std::vector<std::byte> half(packed.begin(), packed.begin() + static_cast<std::ptrdiff_t>(packed.size() / 2));
  auto s = open_decompress_stream(GetParam(), half);
  auto got = drain(*s, 4096);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error(), errc::decompression_failed);
}

TEST_P(FramedStreamTest, GarbageFails) {
  for (uint32_t seed = 1; seed <= 50; ++seed) {
    const auto garbage = random_bytes(1 + seed * 37, seed);
    auto s = open_decompress_stream(GetParam(), garbage);
    auto got = drain(*s, 4096);
    EXPECT_FALSE(got) << "seed " << seed;
  }
}

TEST_P(SelfEndingStreamTest, BytesAfterTheLastFrameFail) {
  auto packed = compress(GetParam(), repetitive_bytes(1000));
  packed.push_back(std::byte{0x42});
  packed.push_back(std::byte{0x17});
  auto s = open_decompress_stream(GetParam(), packed);
  auto got = drain(*s, 4096);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error(), errc::decompression_failed);
}

TEST(DecompressStreamSnappyTest, APartialBlockLengthAfterTheLastBlockFails) {
  auto packed = compress(compression_type::snappy, repetitive_bytes(1000));
  packed.push_back(std::byte{0});
  auto s = open_decompress_stream(compression_type::snappy, packed);
  EXPECT_FALSE(drain(*s, 4096));
}

TEST(DecompressStreamSnappyTest, ABlockLargerThanTheLimitFailsBeforeItIsAllocated) {
  const auto packed = compress(compression_type::snappy, repetitive_bytes(100'000));
  auto s = open_decompress_stream(compression_type::snappy, packed, /*max_block_bytes=*/1000);
  auto got = drain(*s, 4096);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error(), errc::decompression_failed);
}

TEST(DecompressStreamSnappyTest, ABlockClaimingMoreThanItsBytesCanHoldFailsBeforeItIsAllocated) {
  // Raw snappy opens with the uncompressed length: 2^28 here, with 10 bytes to back it.
  std::vector<std::byte> claim = {std::byte{0x80}, std::byte{0x80}, std::byte{0x80}, std::byte{0x80}, std::byte{0x01}};
  claim.resize(claim.size() + 10);
  auto s = open_decompress_stream(compression_type::snappy, claim);
  auto got = drain(*s, 4096);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error(), errc::decompression_failed);
}

TEST(DecompressStreamGzipTest, ConcatenatedMembersAreReadInTurn) {
  const auto a = repetitive_bytes(5000), b = repetitive_bytes(7000);
  auto packed = compress(compression_type::gzip, a);
  const auto second = compress(compression_type::gzip, b);
  packed.insert(packed.end(), second.begin(), second.end());
  auto s = open_decompress_stream(compression_type::gzip, packed);
  auto got = drain(*s, 1000);
  ASSERT_TRUE(got) << got.error().message();
  auto want = a;
  want.insert(want.end(), b.begin(), b.end());
  EXPECT_EQ(got.value(), want);
}

TEST(DecompressStreamFramesTest, ConsecutiveLz4AndZstdFramesAreReadInTurn) {
  for (auto codec : {compression_type::lz4, compression_type::zstd}) {
    const auto a = repetitive_bytes(5000), b = repetitive_bytes(70'000);
    auto packed = compress(codec, a);
    const auto second = compress(codec, b);
    packed.insert(packed.end(), second.begin(), second.end());
    auto s = open_decompress_stream(codec, packed);
    auto got = drain(*s, 4096);
    ASSERT_TRUE(got) << to_string(codec) << ": " << got.error().message();
    auto want = a;
    want.insert(want.end(), b.begin(), b.end());
    EXPECT_EQ(got.value(), want) << to_string(codec);
  }
}

TEST(DecompressStreamSnappyTest, RawSnappyWithoutXerialFramingIsRead) {
  const auto plain = repetitive_bytes(20'000);
  std::string raw;
  snappy::Compress(reinterpret_cast<const char*>(plain.data()), plain.size(), &raw);
  std::vector<std::byte> packed(reinterpret_cast<const std::byte*>(raw.data()),
                                reinterpret_cast<const std::byte*>(raw.data()) + raw.size());
  auto s = open_decompress_stream(compression_type::snappy, packed);
  auto got = drain(*s, 4096);
  ASSERT_TRUE(got) << got.error().message();
  EXPECT_EQ(got.value(), plain);
}

INSTANTIATE_TEST_SUITE_P(Codecs, DecompressStreamTest,
                         ::testing::Values(compression_type::none, compression_type::gzip, compression_type::snappy,
                                           compression_type::lz4, compression_type::zstd),
                         [](const auto& info) { return to_string(info.param); });
INSTANTIATE_TEST_SUITE_P(Codecs, FramedStreamTest,
                         ::testing::Values(compression_type::gzip, compression_type::snappy, compression_type::lz4,
                                           compression_type::zstd),
                         [](const auto& info) { return to_string(info.param); });
// Snappy's xerial blocks are length-prefixed instead: see the snappy test below.
INSTANTIATE_TEST_SUITE_P(Codecs, SelfEndingStreamTest,
                         ::testing::Values(compression_type::gzip, compression_type::lz4, compression_type::zstd),
                         [](const auto& info) { return to_string(info.param); });

}  // namespace
}  // namespace kb::log
