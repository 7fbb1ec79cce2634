// Deleting whole segments from the front by time, by size and below the log start offset.
#include <gtest/gtest.h>

#include "log/partition_log.h"
#include "tests/support/batches.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

constexpr int64_t now = 1'700'000'000'000;
constexpr int64_t hour = 3'600'000;

class RetentionTest : public ::testing::Test {
 protected:
  std::unique_ptr<partition_log> open_log(const log_config& cfg) {
    open_options opts;
    opts.had_clean_shutdown = true;
    opts.now_ms = now;
    return partition_log::open(tmp_.path() / "t-0", {"t", 0}, cfg, opts);
  }
  // One segment per call (segment.ms = 1 h, timestamps 1 h apart), `n` records each.
  void append_segment(partition_log& log, int64_t ts, int n = 5) {
    auto b = test::make_batch(n, 100, ts);
    ASSERT_TRUE(log.append_as_leader(b, 0, ts));
  }
  test::temp_dir tmp_;
};

TEST_F(RetentionTest, TimeRetentionDeletesSegmentsOlderThanRetentionMs) {
  log_config cfg;
  cfg.segment_ms = hour;
  cfg.retention_ms = 3 * hour;
  auto log = open_log(cfg);
  for (int i = 0; i < 6; ++i) append_segment(*log, now + i * (hour + 1));
  ASSERT_EQ(log->segment_base_offsets().size(), 6u);
  // At now + 6h: segments stamped now, now+1h, now+2h are more than 3 h old.
  int deleted = log->delete_old_segments(now + 6 * hour, log->log_end_offset());
  EXPECT_EQ(deleted, 3);
  EXPECT_EQ(log->segment_base_offsets(), (std::vector<int64_t>{15, 20, 25}));
  EXPECT_EQ(log->log_start_offset(), 15);
}

TEST_F(RetentionTest, SizeRetentionKeepsAtMostRetentionBytes) {
  log_config cfg;
  cfg.segment_ms = hour;
  auto log = open_log(cfg);
  for (int i = 0; i < 6; ++i) append_segment(*log, now + i * (hour + 1));
  uint64_t one = log->segment_at(0).size();
  cfg.retention_bytes = static_cast<int64_t>(one * 2 + one / 2);
  log->update_config(cfg);
  // Kafka deletes a segment only if the log keeps at least retention.bytes afterwards:
  // of 6 equal segments with 2.5 segments' worth allowed, the oldest 3 go.
  EXPECT_EQ(log->delete_old_segments(now + 6 * hour, log->log_end_offset()), 3);
  EXPECT_EQ(log->segment_base_offsets(), (std::vector<int64_t>{15, 20, 25}));
  EXPECT_GE(log->size_bytes(), static_cast<uint64_t>(cfg.retention_bytes));
  EXPECT_LT(log->size_bytes() - one, static_cast<uint64_t>(cfg.retention_bytes));
}

TEST_F(RetentionTest, NothingAboveTheHighWatermarkIsDeleted) {
  log_config cfg;
  cfg.segment_ms = hour;
  cfg.retention_ms = 0;
  auto log = open_log(cfg);
  for (int i = 0; i < 4; ++i) append_segment(*log, now + i * (hour + 1));
  // The high watermark is 12: only segments wholly below it (0-4, 5-9) may go.
  EXPECT_EQ(log->delete_old_segments(now + 10 * hour, 12), 2);
  EXPECT_EQ(log->segment_base_offsets(), (std::vector<int64_t>{10, 15}));
}

TEST_F(RetentionTest, ExpiringEveryRecordRollsAnEmptyActiveSegment) {
  log_config cfg;
  cfg.retention_ms = hour;
  auto log = open_log(cfg);
  append_segment(*log, now);
  append_segment(*log, now + 1);
  EXPECT_EQ(log->delete_old_segments(now + 2 * hour, log->log_end_offset()), 1);
  EXPECT_EQ(log->segment_base_offsets(), (std::vector<int64_t>{10}));
  EXPECT_EQ(log->log_start_offset(), 10);
  EXPECT_EQ(log->log_end_offset(), 10);
  // An empty active segment is never deleted.
  EXPECT_EQ(log->delete_old_segments(now + 100 * hour, 10), 0);
  auto b = test::make_batch(1);
  ASSERT_TRUE(log->append_as_leader(b, 0, now));
  EXPECT_EQ(log->log_end_offset(), 11);
}

TEST_F(RetentionTest, NegativeSettingsMeanKeepForever) {
  log_config cfg;
  cfg.segment_ms = hour;
  cfg.retention_ms = -1;
  cfg.retention_bytes = -1;
  auto log = open_log(cfg);
  for (int i = 0; i < 4; ++i) append_segment(*log, now + i * (hour + 1));
  EXPECT_EQ(log->delete_old_segments(now + 1000 * hour, log->log_end_offset()), 0);
}

}  // namespace
}  // namespace kb::log
