#include "brokerd/tools/reset_time_spec.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const command_error& e) {
    return e.what();
  }
  return "no error";
}

// 2024-03-01T12:34:56.789Z
constexpr int64_t march_first = 1709296496789;

TEST(ResetTimeSpecTest, DatetimeWithoutZoneIsUtc) {
  EXPECT_EQ(parse_reset_datetime("2024-03-01T12:34:56.789"), march_first);
  EXPECT_EQ(parse_reset_datetime("2024-03-01T12:34:56.789Z"), march_first);
}

TEST(ResetTimeSpecTest, DatetimeWithColonZone) {
  EXPECT_EQ(parse_reset_datetime("2024-03-01T14:34:56.789+02:00"), march_first);
  EXPECT_EQ(parse_reset_datetime("2024-03-01T07:04:56.789-05:30"), march_first);
}

TEST(ResetTimeSpecTest, DatetimeWithHourZoneFallsBackToPatternX) {
  EXPECT_EQ(parse_reset_datetime("2024-03-01T14:34:56.789+02"), march_first);
  // SimpleDateFormat's X reads "+05" and ignores the rest, as Java does.
  EXPECT_EQ(parse_reset_datetime("2024-03-01T17:34:56.789+0530"), march_first);
}

TEST(ResetTimeSpecTest, DatetimeFieldsTakeAnyNumberOfDigits) {
  EXPECT_EQ(parse_reset_datetime("2024-3-1T12:34:56.789"), march_first);
  EXPECT_EQ(parse_reset_datetime("1970-01-01T00:00:00.5"), 5);
}

TEST(ResetTimeSpecTest, DatetimeLeapDay) {
  EXPECT_EQ(parse_reset_datetime("2024-02-29T00:00:00.000"), 1709164800000);
  EXPECT_EQ(error_of([] { parse_reset_datetime("2023-02-29T00:00:00.000"); }),
            "Unparseable date: \"2023-02-29T00:00:00.000Z\"");
}

TEST(ResetTimeSpecTest, DatetimeWithoutTIsRefused) {
  EXPECT_EQ(error_of([] { parse_reset_datetime("2024-03-01 12:34:56.789"); }),
            "Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
  EXPECT_EQ(error_of([] { parse_reset_datetime("2024-03-01T"); }),
            "Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
}

TEST(ResetTimeSpecTest, DatetimeOutOfRangeOrIncompleteIsUnparseable) {
  EXPECT_EQ(error_of([] { parse_reset_datetime("2024-13-01T00:00:00.000"); }),
            "Unparseable date: \"2024-13-01T00:00:00.000Z\"");
  EXPECT_EQ(error_of([] { parse_reset_datetime("2024-03-01T24:00:00.000"); }),
            "Unparseable date: \"2024-03-01T24:00:00.000Z\"");
  EXPECT_EQ(error_of([] { parse_reset_datetime("2024-03-01T12:00:00"); }), "Unparseable date: \"2024-03-01T12:00:00Z\"");
  EXPECT_EQ(error_of([] { parse_reset_datetime("2024-03-01T12:00:00.1000"); }),
            "Unparseable date: \"2024-03-01T12:00:00.1000Z\"");
}

TEST(ResetTimeSpecTest, DurationComponents) {
  using namespace std::chrono;
  EXPECT_EQ(parse_java_duration("PT1M"), minutes(1));
  EXPECT_EQ(parse_java_duration("P1DT2H3M4S"), days(1) + hours(2) + minutes(3) + seconds(4));
  EXPECT_EQ(parse_java_duration("P2D"), days(2));
  EXPECT_EQ(parse_java_duration("pt0.1s"), milliseconds(100));
  EXPECT_EQ(parse_java_duration("PT1,5S"), milliseconds(1500));
}

TEST(ResetTimeSpecTest, DurationSigns) {
  using namespace std::chrono;
  EXPECT_EQ(parse_java_duration("-PT1H"), -hours(1));
  EXPECT_EQ(parse_java_duration("PT1H-30M"), minutes(30));
  EXPECT_EQ(parse_java_duration("PT-0.5S"), -milliseconds(500));
}

TEST(ResetTimeSpecTest, DurationWithoutComponentsIsRefused) {
  for (const char* bad : {"P", "PT", "P1DT", "1M", "PT1Y", "", "PT1.1234567890S"}) {
    EXPECT_EQ(error_of([&] { parse_java_duration(bad); }), "Text cannot be parsed to a Duration") << bad;
  }
}

TEST(ResetTimeSpecTest, TimestampBeforeNow) {
  const auto now = std::chrono::system_clock::time_point(std::chrono::milliseconds(1000000));
  EXPECT_EQ(timestamp_before(now, std::chrono::minutes(1)), 940000);
  EXPECT_EQ(timestamp_before(now, std::chrono::nanoseconds(1)), 999999);  // Instant.toEpochMilli floors
}

}  // namespace
}  // namespace kb::tools
