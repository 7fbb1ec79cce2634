// Segment file names: a base offset zero-padded to 20 digits plus a suffix, and the parser
// that recognises exactly that shape.
#include "log/file_names.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace kb::log {
namespace {

TEST(FileNamesTest, StemOfZeroIsTwentyZeros) {
  EXPECT_EQ(offset_file_stem(0), "00000000000000000000");
}

TEST(FileNamesTest, StemIsZeroPaddedToTwentyDigits) {
  EXPECT_EQ(offset_file_stem(1), "00000000000000000001");
  EXPECT_EQ(offset_file_stem(368769), "00000000000000368769");
}

TEST(FileNamesTest, StemOfLargeOffset) {
  EXPECT_EQ(offset_file_stem(int64_t{1} << 40), "00000001099511627776");
  EXPECT_EQ(offset_file_stem(INT64_MAX), "09223372036854775807");
}

TEST(FileNamesTest, PathsUseKafkaSuffixes) {
  const std::filesystem::path dir = "/data/orders-0";
  EXPECT_EQ(log_path(dir, 42).string(), "/data/orders-0/00000000000000000042.log");
  EXPECT_EQ(index_path(dir, 42).string(), "/data/orders-0/00000000000000000042.index");
  EXPECT_EQ(time_index_path(dir, 42).string(), "/data/orders-0/00000000000000000042.timeindex");
}

TEST(FileNamesTest, ParseRoundTripsStems) {
  for (int64_t offset : {int64_t{0}, int64_t{1}, int64_t{999}, int64_t{1} << 40, INT64_MAX}) {
    EXPECT_EQ(parse_base_offset(log_path("/d", offset), log_suffix), offset);
    EXPECT_EQ(parse_base_offset(index_path("/d", offset), index_suffix), offset);
    EXPECT_EQ(parse_base_offset(time_index_path("/d", offset), time_index_suffix), offset);
  }
}

TEST(FileNamesTest, ParseIgnoresDirectory) {
  EXPECT_EQ(parse_base_offset("/some/dir/00000000000000000123.log", ".log"), 123);
  EXPECT_EQ(parse_base_offset("00000000000000000123.log", ".log"), 123);
}

TEST(FileNamesTest, ParseRejectsShortStem) {
  EXPECT_EQ(parse_base_offset("123.log", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("0000000000000000123.log", ".log"), std::nullopt);  // 19 digits
}

TEST(FileNamesTest, ParseRejectsLongStem) {
  EXPECT_EQ(parse_base_offset("000000000000000000123.log", ".log"), std::nullopt);  // 21 digits
}

TEST(FileNamesTest, ParseRejectsNonDigit) {
  EXPECT_EQ(parse_base_offset("0000000000000000000a.log", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("a0000000000000000000.log", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("0000000000 000000000.log", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("+0000000000000000001.log", ".log"), std::nullopt);
}

TEST(FileNamesTest, ParseRejectsMinusSign) {
  EXPECT_EQ(parse_base_offset("-0000000000000000001.log", ".log"), std::nullopt);
}

TEST(FileNamesTest, ParseRejectsNegativeZero) {
  // 20 characters, but not 20 digits.
  EXPECT_EQ(parse_base_offset("-0000000000000000000.log", ".log"), std::nullopt);
}

TEST(FileNamesTest, ParseRejectsOffsetAboveInt64Max) {
  EXPECT_EQ(parse_base_offset("99999999999999999999.log", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("09223372036854775808.log", ".log"), std::nullopt);
}

TEST(FileNamesTest, ParseRejectsWrongSuffix) {
  EXPECT_EQ(parse_base_offset("00000000000000000000.index", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("00000000000000000000.log", ".index"), std::nullopt);
  EXPECT_EQ(parse_base_offset("00000000000000000000.timeindex", ".index"), std::nullopt);
  EXPECT_EQ(parse_base_offset("00000000000000000000.LOG", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("00000000000000000000.log.deleted", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("00000000000000000000.log.swap", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("00000000000000000000", ".log"), std::nullopt);
}

TEST(FileNamesTest, ParseRejectsOtherLogDirFiles) {
  EXPECT_EQ(parse_base_offset("leader-epoch-checkpoint", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("partition.metadata", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset(".log", ".log"), std::nullopt);
  EXPECT_EQ(parse_base_offset("", ".log"), std::nullopt);
}

}  // namespace
}  // namespace kb::log
