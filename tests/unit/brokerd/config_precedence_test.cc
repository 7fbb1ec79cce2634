// Kafka's rules where several keys set one value: log.retention.ms > minutes > hours,
// log.roll.ms > hours (and the jitter), log.flush.interval.ms > log.flush.scheduler.interval.ms,
// log.dirs > log.dir, zookeeper.connection.timeout.ms defaulting to the session timeout.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "brokerd/config/config_error.h"
#include "tests/unit/brokerd/config_test_helpers.h"

namespace kb::brokerd {
namespace {

using test::parse_with_required;

constexpr int64_t minute = 60 * 1000;
constexpr int64_t hour = 60 * minute;

int64_t retention(std::string_view text) { return parse_with_required(text).config.log_retention_ms; }
int64_t roll(std::string_view text) { return parse_with_required(text).config.log_roll_ms; }
int64_t jitter(std::string_view text) { return parse_with_required(text).config.log_roll_jitter_ms; }

TEST(ConfigPrecedenceTest, RetentionHoursAlone) { EXPECT_EQ(retention("log.retention.hours=24\n"), 24 * hour); }

TEST(ConfigPrecedenceTest, RetentionMinutesBeatHours) {
  EXPECT_EQ(retention("log.retention.hours=24\nlog.retention.minutes=90\n"), 90 * minute);
}

TEST(ConfigPrecedenceTest, RetentionMsBeatsMinutesAndHours) {
  EXPECT_EQ(retention("log.retention.hours=24\nlog.retention.minutes=90\nlog.retention.ms=1234\n"), 1234);
  EXPECT_EQ(retention("log.retention.ms=1234\nlog.retention.hours=24\n"), 1234);  // order does not matter
}

TEST(ConfigPrecedenceTest, NegativeRetentionMeansForever) {
  EXPECT_EQ(retention("log.retention.ms=-1\n"), -1);
  EXPECT_EQ(retention("log.retention.ms=-500\n"), -1);
  EXPECT_EQ(retention("log.retention.minutes=-1\n"), -1);
  EXPECT_EQ(retention("log.retention.hours=-1\n"), -1);
  // A negative ms beats a positive hours value: ms is the one that counts.
  EXPECT_EQ(retention("log.retention.hours=5\nlog.retention.ms=-1\n"), -1);
}

TEST(ConfigPrecedenceTest, ZeroRetentionIsRejectedNamingTheKeyThatCounts) {
  for (const char* key : {"log.retention.ms", "log.retention.minutes", "log.retention.hours"}) {
    try {
      parse_with_required(std::string(key) + "=0\n");
      FAIL() << key;
    } catch (const config_error& e) {
      EXPECT_NE(std::string(e.what()).find("for configuration " + std::string(key)), std::string::npos) << e.what();
    }
  }
}

TEST(ConfigPrecedenceTest, RetentionHoursDoNotOverflow) {
  EXPECT_EQ(retention("log.retention.hours=2147483647\n"), int64_t{2147483647} * hour);
}

TEST(ConfigPrecedenceTest, RollHoursAlone) { EXPECT_EQ(roll("log.roll.hours=1\n"), hour); }

TEST(ConfigPrecedenceTest, RollMsBeatsHours) {
  EXPECT_EQ(roll("log.roll.hours=1\nlog.roll.ms=5000\n"), 5000);
  EXPECT_EQ(roll("log.roll.ms=5000\nlog.roll.hours=1\n"), 5000);
}

TEST(ConfigPrecedenceTest, RollJitterMsBeatsHours) {
  EXPECT_EQ(jitter("log.roll.jitter.hours=2\n"), 2 * hour);
  EXPECT_EQ(jitter("log.roll.jitter.hours=2\nlog.roll.jitter.ms=77\n"), 77);
}

TEST(ConfigPrecedenceTest, PrecedenceReachesTheLogConfig) {
  auto c = parse_with_required("log.retention.minutes=10\nlog.roll.ms=60000\nlog.segment.bytes=1048576\n").config;
  log::log_config l = c.to_log_config();
  EXPECT_EQ(l.retention_ms, 10 * minute);
  EXPECT_EQ(l.segment_ms, 60000);
  EXPECT_EQ(l.segment_bytes, 1048576u);
}

TEST(ConfigPrecedenceTest, FlushIntervalFallsBackToSchedulerInterval) {
  EXPECT_EQ(parse_with_required("").config.log_flush_interval_ms, INT64_MAX);
  auto c = parse_with_required("log.flush.scheduler.interval.ms=2000\n").config;
  EXPECT_EQ(c.log_flush_interval_ms, 2000);
  EXPECT_EQ(c.log_flush_scheduler_interval_ms, 2000);
  c = parse_with_required("log.flush.scheduler.interval.ms=2000\nlog.flush.interval.ms=300\n").config;
  EXPECT_EQ(c.log_flush_interval_ms, 300);
  EXPECT_EQ(c.log_flush_scheduler_interval_ms, 2000);
}

TEST(ConfigPrecedenceTest, LogDirsBeatsLogDir) {
  auto c = parse_with_required("log.dir=/single\n").config;
  EXPECT_EQ(c.log_dirs, (std::vector<std::filesystem::path>{"/single"}));
  c = parse_with_required("log.dir=/single\nlog.dirs=/a, /b ,/c/\n").config;
  EXPECT_EQ(c.log_dirs, (std::vector<std::filesystem::path>{"/a", "/b", "/c"}));
}

TEST(ConfigPrecedenceTest, ZookeeperConnectionTimeoutDefaultsToSessionTimeout) {
  auto c = parse_with_required("zookeeper.session.timeout.ms=6000\n").config;
  EXPECT_EQ(c.zookeeper_connection_timeout_ms, 6000);
  c = parse_with_required("zookeeper.session.timeout.ms=6000\nzookeeper.connection.timeout.ms=2500\n").config;
  EXPECT_EQ(c.zookeeper_connection_timeout_ms, 2500);
}

}  // namespace
}  // namespace kb::brokerd
