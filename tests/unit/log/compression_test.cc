// The four Kafka codecs behind compress/decompress: round trips, the framing each one writes,
// the max_output bound, and clean errors (never a crash) on garbage or truncated input.
#include "log/compression.h"

#include <gtest/gtest.h>
#include <snappy.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace kb::log {
namespace {

std::vector<std::byte> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::byte> out(n);
  for (auto& b : out) b = static_cast<std::byte>(rng() & 0xFF);
  return out;
}

// Highly compressible but not constant: a short phrase repeated.
std::vector<std::byte> repetitive_bytes(size_t n) {
  constexpr std::string_view phrase = "the quick brown fox jumps over the lazy dog 0123456789\n";
  std::vector<std::byte> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<std::byte>(phrase[i % phrase.size()]);
  return out;
}

std::vector<std::byte> text_bytes(std::string_view s) {
  auto* p = reinterpret_cast<const std::byte*>(s.data());
  return {p, p + s.size()};
}

constexpr size_t mib = 1u << 20;

class CompressionTest : public ::testing::TestWithParam<compression_type> {
 protected:
  void expect_round_trip(const std::vector<std::byte>& input) {
    const auto compressed = compress(GetParam(), input);
    auto r = decompress(GetParam(), compressed);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_TRUE(r.value() == input) << "decompressed " << r.value().size() << " bytes, expected "
                                    << input.size();
  }

  void expect_decompression_failed(std::span<const std::byte> input, const std::string& what) {
    auto r = decompress(GetParam(), input);
    ASSERT_FALSE(r) << what << ": decoded to " << r.value().size() << " bytes";
    EXPECT_EQ(r.error(), errc::decompression_failed) << what;
  }
};

TEST_P(CompressionTest, RoundTripsEmptyInput) { expect_round_trip({}); }

TEST_P(CompressionTest, RoundTripsSmallInput) { expect_round_trip(text_bytes("hello, kafka")); }

TEST_P(CompressionTest, RoundTripsOneByte) { expect_round_trip({std::byte{0x42}}); }

TEST_P(CompressionTest, RoundTripsOneMebibyteOfRandomBytes) { expect_round_trip(random_bytes(mib, 1)); }

TEST_P(CompressionTest, RoundTripsOneMebibyteOfRepetitiveBytes) { expect_round_trip(repetitive_bytes(mib)); }

TEST_P(CompressionTest, RoundTripsOddSizeSpanningSeveralBlocks) {
  // Not a multiple of any codec's block size (snappy 32 KiB, lz4 64 KiB).
  expect_round_trip(random_bytes(3 * 65536 + 12345, 3));
}

TEST_P(CompressionTest, RepetitiveInputShrinks) {
  auto input = repetitive_bytes(mib);
  EXPECT_LT(compress(GetParam(), input).size(), input.size() / 4);
}

TEST_P(CompressionTest, EmptyInputIsNotValidCompressedData) {
  expect_decompression_failed({}, "empty input");
}

TEST_P(CompressionTest, GarbageFailsCleanly) {
  expect_decompression_failed(text_bytes("this is certainly not compressed data, just ASCII text"), "ascii");
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    for (size_t n : {1u, 2u, 7u, 16u, 17u, 100u, 4096u}) {
      auto garbage = random_bytes(n, seed * 1000 + static_cast<uint32_t>(n));
      // A single 0x00 is a valid raw snappy encoding of the empty string; skip that one input.
      if (n == 1 && garbage[0] == std::byte{0}) continue;
      expect_decompression_failed(garbage, "seed " + std::to_string(seed) + " size " + std::to_string(n));
    }
  }
}

TEST_P(CompressionTest, TruncatedStreamFailsCleanly) {
  const auto compressed = compress(GetParam(), random_bytes(100'000, 11));
  for (size_t keep : {size_t{1}, size_t{10}, compressed.size() / 3, compressed.size() / 2, compressed.size() - 1}) {
    expect_decompression_failed(std::span<const std::byte>(compressed).first(keep),
                                "kept " + std::to_string(keep) + " of " + std::to_string(compressed.size()));
  }
}

TEST_P(CompressionTest, MutatedStreamFailsCleanlyOrStaysWithinMaxOutput) {
  // Not every codec checksums its payload, so a mutation may still decode; it must never
  // crash, and never return more than max_output.
  const auto compressed = compress(GetParam(), repetitive_bytes(64 * 1024));
  constexpr size_t max_out = 128 * 1024;
  std::mt19937 rng(17);
  for (int i = 0; i < 300; ++i) {
    auto mutated = compressed;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) mutated[rng() % mutated.size()] ^= static_cast<std::byte>(1 + rng() % 255);
    auto r = decompress(GetParam(), mutated, max_out);
    if (r) {
      EXPECT_LE(r.value().size(), max_out) << "mutation " << i;
    } else {
      EXPECT_EQ(r.error(), errc::decompression_failed) << "mutation " << i;
    }
  }
}

TEST_P(CompressionTest, MaxOutputBoundIsEnforced) {
  const auto compressed = compress(GetParam(), std::vector<std::byte>(10 * mib));
  auto r = decompress(GetParam(), compressed, mib);
  ASSERT_FALSE(r) << "decoded " << r.value().size() << " bytes with a 1 MiB limit";
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

TEST_P(CompressionTest, OutputOneByteOverMaxFails) {
  const auto input = repetitive_bytes(200'000);
  const auto compressed = compress(GetParam(), input);
  auto r = decompress(GetParam(), compressed, input.size() - 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

TEST_P(CompressionTest, OutputExactlyAtMaxSucceeds) {
  // "Never produces more than max_output" allows producing exactly max_output.
  for (size_t n : {size_t{1000}, size_t{65536}, size_t{200'000}, mib}) {
    const auto input = repetitive_bytes(n);
    const auto compressed = compress(GetParam(), input);
    auto r = decompress(GetParam(), compressed, input.size());
    ASSERT_TRUE(r) << "size " << n << ": " << r.error().message();
    EXPECT_TRUE(r.value() == input) << "size " << n;
  }
}

TEST_P(CompressionTest, OutputLargerThanDefaultInitialBufferRoundTrips) {
  // 10 MiB of zeros compresses by far more than the 4x the decoders first allocate.
  const std::vector<std::byte> input(10 * mib);
  expect_round_trip(input);
}

std::string codec_name(const ::testing::TestParamInfo<compression_type>& info) { return to_string(info.param); }

INSTANTIATE_TEST_SUITE_P(AllCodecs, CompressionTest,
                         ::testing::Values(compression_type::gzip, compression_type::snappy, compression_type::lz4,
                                           compression_type::zstd),
                         codec_name);

TEST(CompressionFramingTest, GzipWritesGzipMagic) {
  auto out = compress(compression_type::gzip, text_bytes("abc"));
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[0], std::byte{0x1F});
  EXPECT_EQ(out[1], std::byte{0x8B});
}

TEST(CompressionFramingTest, SnappyWritesXerialHeader) {
  auto out = compress(compression_type::snappy, text_bytes("abc"));
  const std::vector<std::byte> expected = {
      std::byte{0x82}, std::byte{'S'}, std::byte{'N'}, std::byte{'A'}, std::byte{'P'}, std::byte{'P'},
      std::byte{'Y'},  std::byte{0},   std::byte{0},   std::byte{0},   std::byte{0},   std::byte{1},
      std::byte{0},    std::byte{0},   std::byte{0},   std::byte{1}};
  ASSERT_GE(out.size(), expected.size());
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), out.begin()));
}

TEST(CompressionFramingTest, Lz4WritesFrameMagic) {
  auto out = compress(compression_type::lz4, text_bytes("abc"));
  ASSERT_GE(out.size(), 4u);  // 0x184D2204, little-endian
  EXPECT_EQ(out[0], std::byte{0x04});
  EXPECT_EQ(out[1], std::byte{0x22});
  EXPECT_EQ(out[2], std::byte{0x4D});
  EXPECT_EQ(out[3], std::byte{0x18});
}

TEST(CompressionFramingTest, ZstdWritesFrameMagic) {
  auto out = compress(compression_type::zstd, text_bytes("abc"));
  ASSERT_GE(out.size(), 4u);  // 0xFD2FB528, little-endian
  EXPECT_EQ(out[0], std::byte{0x28});
  EXPECT_EQ(out[1], std::byte{0xB5});
  EXPECT_EQ(out[2], std::byte{0x2F});
  EXPECT_EQ(out[3], std::byte{0xFD});
}

TEST(CompressionFramingTest, NoneIsIdentity) {
  auto input = random_bytes(1000, 4);
  EXPECT_TRUE(compress(compression_type::none, input) == input);
  auto r = decompress(compression_type::none, input);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.value() == input);
}

TEST(CompressionFramingTest, DecompressRejectsUndefinedCodec) {
  auto r = decompress(static_cast<compression_type>(5), text_bytes("abc"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::unsupported_compression);
}

TEST(CompressionFramingTest, GzipAcceptsConcatenatedMembers) {
  auto a = text_bytes("first member;");
  auto b = text_bytes("second member");
  auto stream = compress(compression_type::gzip, a);
  auto second = compress(compression_type::gzip, b);
  stream.insert(stream.end(), second.begin(), second.end());
  auto r = decompress(compression_type::gzip, stream);
  ASSERT_TRUE(r) << r.error().message();
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_TRUE(r.value() == a);
}

TEST(CompressionFramingTest, GzipDetectsCorruptedPayload) {
  // gzip carries a CRC-32 of the content, so a flipped byte is caught, not returned as data.
  auto compressed = compress(compression_type::gzip, random_bytes(10'000, 8));
  compressed[compressed.size() / 2] ^= std::byte{0x01};
  auto r = decompress(compression_type::gzip, compressed);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

std::vector<std::byte> raw_snappy(const std::vector<std::byte>& input) {
  std::vector<std::byte> out(snappy::MaxCompressedLength(input.size()));
  size_t written = 0;
  snappy::RawCompress(reinterpret_cast<const char*>(input.data()), input.size(),
                      reinterpret_cast<char*>(out.data()), &written);
  out.resize(written);
  return out;
}

TEST(SnappyRawTest, DecompressAcceptsUnframedSnappy) {
  for (const auto& input : {text_bytes("raw snappy without xerial framing"), random_bytes(100'000, 21),
                            repetitive_bytes(mib)}) {
    auto r = decompress(compression_type::snappy, raw_snappy(input));
    ASSERT_TRUE(r) << input.size() << " bytes: " << r.error().message();
    EXPECT_TRUE(r.value() == input) << input.size() << " bytes";
  }
}

TEST(SnappyRawTest, UnframedSnappyRespectsMaxOutput) {
  const auto compressed = raw_snappy(std::vector<std::byte>(10 * mib));
  auto r = decompress(compression_type::snappy, compressed, mib);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

TEST(SnappyRawTest, HugeClaimedLengthFailsWithoutAllocating) {
  // Varint uncompressed length 0xFFFFFFFF followed by nothing useful.
  const std::vector<std::byte> hostile = {std::byte{0xFF}, std::byte{0xFF}, std::byte{0xFF}, std::byte{0xFF},
                                          std::byte{0x0F}, std::byte{0x00}};
  auto r = decompress(compression_type::snappy, hostile);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

TEST(SnappyRawTest, XerialBlockLengthPastEndFails) {
  auto framed = compress(compression_type::snappy, text_bytes("abcdef"));
  // The first block length sits right after the 16-byte header; claim more than remains.
  framed[16] = std::byte{0x7F};
  auto r = decompress(compression_type::snappy, framed);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

TEST(SnappyRawTest, XerialNegativeBlockLengthFails) {
  auto framed = compress(compression_type::snappy, text_bytes("abcdef"));
  framed[16] = std::byte{0xFF};  // block length becomes negative
  auto r = decompress(compression_type::snappy, framed);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

TEST(CompressionNameTest, ToStringUsesKafkaDumpLogSpelling) {
  EXPECT_EQ(to_string(compression_type::none), "NONE");
  EXPECT_EQ(to_string(compression_type::gzip), "GZIP");
  EXPECT_EQ(to_string(compression_type::snappy), "SNAPPY");
  EXPECT_EQ(to_string(compression_type::lz4), "LZ4");
  EXPECT_EQ(to_string(compression_type::zstd), "ZSTD");
}

TEST(CompressionNameTest, ToStringOfUndefinedCodec) {
  EXPECT_EQ(to_string(static_cast<compression_type>(6)), "UNKNOWN(6)");
}

TEST(CompressionNameTest, ParseAcceptsKafkaConfigNames) {
  EXPECT_EQ(parse_compression_type("none").value(), compression_type::none);
  EXPECT_EQ(parse_compression_type("uncompressed").value(), compression_type::none);
  EXPECT_EQ(parse_compression_type("gzip").value(), compression_type::gzip);
  EXPECT_EQ(parse_compression_type("snappy").value(), compression_type::snappy);
  EXPECT_EQ(parse_compression_type("lz4").value(), compression_type::lz4);
  EXPECT_EQ(parse_compression_type("zstd").value(), compression_type::zstd);
}

TEST(CompressionNameTest, ParseRejectsOtherNames) {
  for (std::string_view name : {"", "GZIP", "Snappy", "lz4 ", "zlib", "producer", "brotli"}) {
    auto r = parse_compression_type(name);
    ASSERT_FALSE(r) << "'" << name << "'";
    EXPECT_EQ(r.error(), errc::unsupported_compression) << "'" << name << "'";
  }
}

}  // namespace
}  // namespace kb::log
