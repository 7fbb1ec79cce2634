// The LZ4 frame header checksum: xxh32_short against the xxHash reference value and against
// the checksums liblz4 writes, and the repair applied to Kafka's magic-0 frames.
#include "log/lz4_frame_checksum.h"

#include <gtest/gtest.h>
#include <lz4frame.h>

#include <string>
#include <vector>

namespace kb::log {
namespace {

std::vector<std::byte> lz4_frame(const std::string& text, bool content_size) {
  LZ4F_preferences_t prefs{};
  prefs.frameInfo.contentSize = content_size ? text.size() : 0;
  std::vector<std::byte> out(LZ4F_compressFrameBound(text.size(), &prefs));
  size_t n = LZ4F_compressFrame(out.data(), out.size(), text.data(), text.size(), &prefs);
  EXPECT_FALSE(LZ4F_isError(n));
  out.resize(n);
  return out;
}

TEST(Lz4FrameChecksumTest, Xxh32OfEmptyInputIsTheReferenceValue) {
  EXPECT_EQ(xxh32_short({}), 0x02CC5D05u);
}

TEST(Lz4FrameChecksumTest, MatchesTheHeaderChecksumLiblz4Writes) {
  for (bool content_size : {false, true}) {
    auto frame = lz4_frame("some text to compress, some text to compress", content_size);
    const size_t descriptor = content_size ? 10 : 2;
    ASSERT_EQ(static_cast<int>(frame[4]) & 0x08, content_size ? 0x08 : 0);
    EXPECT_EQ(static_cast<int>(frame[4 + descriptor]),
              static_cast<int>((xxh32_short(std::span(frame).subspan(4, descriptor)) >> 8) & 0xFF));
    EXPECT_EQ(with_lz4_header_checksum(frame), frame) << "a correct frame is left as it is";
  }
}

TEST(Lz4FrameChecksumTest, RepairsAWrongHeaderChecksum) {
  auto frame = lz4_frame("payload", false);
  auto broken = frame;
  broken[6] ^= std::byte{0x5A};
  EXPECT_EQ(with_lz4_header_checksum(broken), frame);
}

TEST(Lz4FrameChecksumTest, LeavesShortOrForeignInputAlone) {
  std::vector<std::byte> short_frame = {std::byte{0x04}, std::byte{0x22}, std::byte{0x4D}, std::byte{0x18},
                                        std::byte{0x60}};
  EXPECT_EQ(with_lz4_header_checksum(short_frame), short_frame);
  std::vector<std::byte> foreign(16, std::byte{0x11});
  EXPECT_EQ(with_lz4_header_checksum(foreign), foreign);
}

}  // namespace
}  // namespace kb::log
