// Zig-zag varints as used inside RecordBatch v2 records: exact encodings, round trips,
// size_of, and rejection of truncated or over-long input.
#include "log/varint.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace kb::log {
namespace {

std::vector<std::byte> encode(int64_t v) {
  std::vector<std::byte> out;
  varint::write(out, v);
  return out;
}

std::vector<std::byte> bytes(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

TEST(VarintTest, ZigZagEncodingOfSmallValues) {
  // Zig-zag maps 0,-1,1,-2,2,... to 0,1,2,3,4,...
  EXPECT_EQ(encode(0), bytes({0x00}));
  EXPECT_EQ(encode(-1), bytes({0x01}));
  EXPECT_EQ(encode(1), bytes({0x02}));
  EXPECT_EQ(encode(-2), bytes({0x03}));
  EXPECT_EQ(encode(2), bytes({0x04}));
}

TEST(VarintTest, ZigZagEncodingAtOneByteBoundary) {
  EXPECT_EQ(encode(-64), bytes({0x7F}));        // zig-zag 127: last one-byte value
  EXPECT_EQ(encode(63), bytes({0x7E}));         // zig-zag 126
  EXPECT_EQ(encode(64), bytes({0x80, 0x01}));   // zig-zag 128: first two-byte value
  EXPECT_EQ(encode(-65), bytes({0x81, 0x01}));  // zig-zag 129
}

TEST(VarintTest, Int32ExtremesUseFiveBytes) {
  EXPECT_EQ(encode(INT32_MAX), bytes({0xFE, 0xFF, 0xFF, 0xFF, 0x0F}));
  EXPECT_EQ(encode(INT32_MIN), bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}));
}

TEST(VarintTest, Int64ExtremesUseTenBytes) {
  EXPECT_EQ(encode(INT64_MAX), bytes({0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
  EXPECT_EQ(encode(INT64_MIN), bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
}

TEST(VarintTest, Read32RoundTripsInt32Values) {
  for (int32_t v : {0, -1, 1, -64, 63, 64, -65, 8191, -8192, 8192, INT32_MIN, INT32_MAX, INT32_MIN + 1,
                    INT32_MAX - 1}) {
    auto buf = encode(v);
    size_t at = 0;
    auto r = varint::read32(buf, at);
    ASSERT_TRUE(r.has_value()) << v;
    EXPECT_EQ(*r, v);
    EXPECT_EQ(at, buf.size()) << v;
  }
}

TEST(VarintTest, Read64RoundTripsInt64Values) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1}, int64_t{-64}, int64_t{63}, int64_t{64},
                    int64_t{INT32_MIN}, int64_t{INT32_MAX}, int64_t{INT32_MAX} + 1, int64_t{INT32_MIN} - 1,
                    INT64_MIN, INT64_MAX, INT64_MIN + 1, INT64_MAX - 1}) {
    auto buf = encode(v);
    size_t at = 0;
    auto r = varint::read64(buf, at);
    ASSERT_TRUE(r.has_value()) << v;
    EXPECT_EQ(*r, v);
    EXPECT_EQ(at, buf.size()) << v;
  }
}

TEST(VarintTest, Read64RoundTripsEveryPowerOfTwoAndNeighbours) {
  for (int shift = 0; shift < 63; ++shift) {
    const int64_t p = int64_t{1} << shift;
    for (int64_t v : {p - 1, p, p + 1, -p - 1, -p, -p + 1}) {
      auto buf = encode(v);
      size_t at = 0;
      auto r = varint::read64(buf, at);
      ASSERT_TRUE(r.has_value()) << v;
      ASSERT_EQ(*r, v);
    }
  }
}

TEST(VarintTest, SizeOfMatchesWrittenLength) {
  for (int shift = 0; shift < 63; ++shift) {
    const int64_t p = int64_t{1} << shift;
    for (int64_t v : {p - 1, p, p + 1, -p - 1, -p, -p + 1}) {
      ASSERT_EQ(varint::size_of(v), encode(v).size()) << v;
    }
  }
  EXPECT_EQ(varint::size_of(INT64_MIN), 10u);
  EXPECT_EQ(varint::size_of(INT64_MAX), 10u);
  EXPECT_EQ(varint::size_of(0), 1u);
}

TEST(VarintTest, SizeOfBoundaries) {
  EXPECT_EQ(varint::size_of(-64), 1u);
  EXPECT_EQ(varint::size_of(63), 1u);
  EXPECT_EQ(varint::size_of(64), 2u);
  EXPECT_EQ(varint::size_of(-65), 2u);
  EXPECT_EQ(varint::size_of(INT32_MAX), 5u);
  EXPECT_EQ(varint::size_of(INT32_MIN), 5u);
}

TEST(VarintTest, SequentialReadsAdvancePosition) {
  std::vector<std::byte> buf;
  varint::write(buf, 300);
  varint::write(buf, -1);
  varint::write(buf, INT64_MIN);
  size_t at = 0;
  EXPECT_EQ(varint::read32(buf, at), 300);
  EXPECT_EQ(varint::read32(buf, at), -1);
  EXPECT_EQ(varint::read64(buf, at), INT64_MIN);
  EXPECT_EQ(at, buf.size());
}

TEST(VarintTest, ReadFromEmptyInputFails) {
  std::vector<std::byte> empty;
  size_t at = 0;
  EXPECT_FALSE(varint::read32(empty, at).has_value());
  at = 0;
  EXPECT_FALSE(varint::read64(empty, at).has_value());
}

TEST(VarintTest, ReadAtEndOfInputFails) {
  auto buf = encode(5);
  size_t at = buf.size();
  EXPECT_FALSE(varint::read64(buf, at).has_value());
}

TEST(VarintTest, ReadRejectsTruncatedEncoding) {
  auto full = encode(INT64_MIN);  // 10 bytes
  for (size_t n = 0; n < full.size(); ++n) {
    std::span<const std::byte> truncated(full.data(), n);
    size_t at = 0;
    EXPECT_FALSE(varint::read64(truncated, at).has_value()) << "length " << n;
  }
  auto full32 = encode(INT32_MIN);  // 5 bytes
  for (size_t n = 0; n < full32.size(); ++n) {
    std::span<const std::byte> truncated(full32.data(), n);
    size_t at = 0;
    EXPECT_FALSE(varint::read32(truncated, at).has_value()) << "length " << n;
  }
}

TEST(VarintTest, Read32RejectsSixByteEncoding) {
  // Zero padded with continuation bits to six bytes: longer than any int32 encoding.
  auto buf = bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
  size_t at = 0;
  EXPECT_FALSE(varint::read32(buf, at).has_value());
}

TEST(VarintTest, Read32AcceptsFiveBytePaddedEncoding) {
  auto buf = bytes({0x80, 0x80, 0x80, 0x80, 0x00});
  size_t at = 0;
  auto r = varint::read32(buf, at);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(at, 5u);
}

TEST(VarintTest, Read32RejectsValueOutsideInt32Range) {
  // zig-zag 2^32 decodes to 2^31, one above INT32_MAX; five bytes long.
  auto buf = bytes({0x80, 0x80, 0x80, 0x80, 0x10});
  size_t at = 0;
  EXPECT_FALSE(varint::read32(buf, at).has_value());
  // The same bytes are a valid int64.
  at = 0;
  EXPECT_EQ(varint::read64(buf, at), int64_t{1} << 31);
}

TEST(VarintTest, Read32RejectsInt64Encodings) {
  auto buf = encode(int64_t{INT32_MAX} + 1);
  size_t at = 0;
  EXPECT_FALSE(varint::read32(buf, at).has_value());
  buf = encode(int64_t{INT32_MIN} - 1);
  at = 0;
  EXPECT_FALSE(varint::read32(buf, at).has_value());
}

TEST(VarintTest, Read64RejectsElevenByteEncoding) {
  auto buf = bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
  size_t at = 0;
  EXPECT_FALSE(varint::read64(buf, at).has_value());
}

TEST(VarintTest, Read64AcceptsTenBytePaddedEncoding) {
  auto buf = bytes({0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});  // zig-zag 2 = 1
  size_t at = 0;
  EXPECT_EQ(varint::read64(buf, at), 1);
  EXPECT_EQ(at, 10u);
}

TEST(VarintTest, ReadRejectsUnterminatedContinuationRun) {
  std::vector<std::byte> buf(20, std::byte{0xFF});
  size_t at = 0;
  EXPECT_FALSE(varint::read32(buf, at).has_value());
  at = 0;
  EXPECT_FALSE(varint::read64(buf, at).has_value());
}

}  // namespace
}  // namespace kb::log
