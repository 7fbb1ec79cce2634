#include "log/partition_log.h"

#include <gtest/gtest.h>

#include "log/file_names.h"
#include "tests/support/batches.h"
#include "tests/support/log_reader.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

constexpr int64_t now = 1'700'000'000'000;

class PartitionLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<partition_log> open_log(const log_config& cfg, bool clean = true, int64_t recovery_point = 0) {
    open_options opts;
    opts.had_clean_shutdown = clean;
    opts.recovery_point = recovery_point;
    opts.now_ms = now;
    return partition_log::open(dir_.path() / "orders-0", {"orders", 0}, cfg, opts);
  }
  // Appends `batches` batches of `per_batch` records; values are "b<batch>-<i>".
  void append_batches(partition_log& log, int batches, int per_batch, size_t value_bytes = 16, int64_t ts = now) {
    for (int b = 0; b < batches; ++b) {
      auto batch = test::make_batch(per_batch, value_bytes, ts, "b" + std::to_string(b));
      auto r = log.append_as_leader(batch, 7, now);
      ASSERT_TRUE(r) << r.error().message();
    }
  }
  test::temp_dir dir_;
};

TEST_F(PartitionLogTest, LeaderAppendAssignsConsecutiveOffsetsAndStampsEpoch) {
  auto log = open_log({});
  auto b1 = test::make_batch(3);
  auto r1 = log->append_as_leader(b1, 5, now);
  ASSERT_TRUE(r1);
  EXPECT_EQ(r1.value().first_offset, 0);
  EXPECT_EQ(r1.value().last_offset, 2);
  auto b2 = test::make_batch(4);
  auto r2 = log->append_as_leader(b2, 5, now);
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2.value().first_offset, 3);
  EXPECT_EQ(r2.value().last_offset, 6);
  EXPECT_EQ(log->log_end_offset(), 7);
  // The batch in the request buffer was rewritten in place, and its CRC still holds.
  batch_header h = parse_batch_header(b2);
  EXPECT_EQ(h.base_offset, 3);
  EXPECT_EQ(h.partition_leader_epoch, 5);
  EXPECT_TRUE(validate_batch(b2));
}

TEST_F(PartitionLogTest, StoredBytesAreExactlyTheProducersBatchWithOffsetAndEpochRewritten) {
  auto log = open_log({});
  auto original = test::make_batch(2);
  auto sent = original;
  ASSERT_TRUE(log->append_as_leader(sent, 9, now));
  auto r = log->read(0, 1 << 20, log->log_end_offset(), true);
  ASSERT_TRUE(r && r.value().data);
  auto stored = test::slice_bytes(*r.value().data);
  ASSERT_EQ(stored.size(), original.size());
  EXPECT_EQ(parse_batch_header(stored).crc, parse_batch_header(original).crc);  // never recomputed
  EXPECT_TRUE(std::equal(stored.begin() + 16, stored.end(), original.begin() + 16));
}

TEST_F(PartitionLogTest, RejectsCorruptBatchAndAppendsNothing) {
  auto log = open_log({});
  auto good = test::make_batch(2);
  auto bad = test::make_batch(2);
  bad[bad.size() - 1] ^= std::byte{0x01};
  std::vector<std::byte> both(good);
  both.insert(both.end(), bad.begin(), bad.end());
  auto r = log->append_as_leader(both, 0, now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), make_error_code(errc::corrupt_batch));
  EXPECT_EQ(log->log_end_offset(), 0);
  EXPECT_EQ(log->size_bytes(), 0u);
}

TEST_F(PartitionLogTest, RejectsOversizedBatchAndTruncatedInput) {
  log_config cfg;
  cfg.max_message_bytes = 200;
  auto log = open_log(cfg);
  auto big = test::make_batch(10, 100);
  auto r = log->append_as_leader(big, 0, now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), make_error_code(errc::batch_too_large));
  auto small = test::make_batch(1);
  std::span<std::byte> torn(small.data(), small.size() - 1);
  EXPECT_EQ(log->append_as_leader(torn, 0, now).error(), make_error_code(errc::corrupt_batch));
  EXPECT_EQ(log->log_end_offset(), 0);
}

TEST_F(PartitionLogTest, AppendAndReadAcrossRolls) {
  log_config cfg;
  cfg.segment_bytes = 4096;
  cfg.index_interval_bytes = 512;
  auto log = open_log(cfg);
  append_batches(*log, 200, 3, 40);
  EXPECT_GT(log->segment_base_offsets().size(), 10u);
  // No batch spans two segments: each segment starts where the previous ended.
  auto bases = log->segment_base_offsets();
  for (size_t i = 0; i + 1 < bases.size(); ++i) {
    EXPECT_EQ(log->segment_at(bases[i]).next_offset(), bases[i + 1]);
    EXPECT_LE(log->segment_at(bases[i]).size(), cfg.segment_bytes);
  }
  auto all = test::read_all(*log, 0, log->log_end_offset());
  ASSERT_EQ(all.size(), 600u);
  for (size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ(all[i].offset, static_cast<int64_t>(i));
    EXPECT_EQ(all[i].value.substr(0, all[i].value.find('x')), "b" + std::to_string(i / 3) + "-" + std::to_string(i % 3));
  }
  // Reading from every offset starts at the batch containing it.
  for (int64_t o = 0; o < log->log_end_offset(); o += 7) {
    auto r = log->read(o, 100, log->log_end_offset(), true);
    ASSERT_TRUE(r && r.value().data) << o;
    EXPECT_EQ(r.value().first_batch_offset, o / 3 * 3);
  }
}

TEST_F(PartitionLogTest, ReadsStopAtMaxOffsetAndHonourMaxBytes) {
  auto log = open_log({});
  append_batches(*log, 10, 2, 100);  // offsets 0..19, each batch ~ 300 bytes
  auto upto = test::read_all(*log, 0, 8);
  ASSERT_EQ(upto.size(), 8u);
  EXPECT_EQ(upto.back().offset, 7);

  auto r = log->read(8, 1 << 20, 8, true);  // at the high watermark: nothing
  ASSERT_TRUE(r);
  EXPECT_FALSE(r.value().data);

  auto one = log->read(0, 10, 20, /*min_one_batch=*/true);
  ASSERT_TRUE(one && one.value().data);
  EXPECT_EQ(one.value().data->size, parse_batch_header(test::make_batch(2, 100)).total_size());
  // Without min_one_batch, max_bytes is a hard cap even mid-batch, as in Kafka's
  // LogSegment.read: old clients recognise a too-large message by the partial batch.
  auto partial = log->read(0, 10, 20, /*min_one_batch=*/false);
  ASSERT_TRUE(partial && partial.value().data);
  EXPECT_EQ(partial.value().data->size, 10u);
}

TEST_F(PartitionLogTest, ReadOutsideTheLogIsOffsetOutOfRange) {
  auto log = open_log({});
  append_batches(*log, 2, 2);
  EXPECT_EQ(log->read(5, 100, 4, true).error(), make_error_code(errc::offset_out_of_range));
  EXPECT_EQ(log->read(-1, 100, 4, true).error(), make_error_code(errc::offset_out_of_range));
  auto at_end = log->read(4, 100, 4, true);
  ASSERT_TRUE(at_end);
  EXPECT_FALSE(at_end.value().data);
}

TEST_F(PartitionLogTest, OffsetsBeyondTwoToThe31) {
  const int64_t start = (1ll << 31) + 12345;
  log_config cfg;
  cfg.segment_bytes = 2048;
  {
    auto log = open_log(cfg);
    log->truncate_fully_and_start_at(start, now);
    append_batches(*log, 40, 5, 30);
    EXPECT_EQ(log->log_end_offset(), start + 200);
    EXPECT_TRUE(std::filesystem::exists(log_path(log->dir(), start)));
    auto all = test::read_all(*log, start, log->log_end_offset());
    ASSERT_EQ(all.size(), 200u);
    EXPECT_EQ(all.front().offset, start);
    EXPECT_EQ(all.back().offset, start + 199);
    log->close();
  }
  auto reopened = open_log(cfg, /*clean=*/true, start + 200);
  EXPECT_EQ(reopened->log_start_offset(), start);
  EXPECT_EQ(reopened->log_end_offset(), start + 200);
  EXPECT_EQ(test::read_all(*reopened, start + 100, start + 200).size(), 100u);
}

TEST_F(PartitionLogTest, OffsetForTimestampFindsFirstRecordAtOrAfter) {
  log_config cfg;
  cfg.segment_bytes = 2048;
  cfg.index_interval_bytes = 256;
  auto log = open_log(cfg);
  // Batch i has timestamp base + 1000*i; each batch holds 4 records.
  for (int i = 0; i < 60; ++i) {
    record_batch_builder b;
    for (int j = 0; j < 4; ++j) b.add(now + 1000 * i + j, std::nullopt, "v");
    auto bytes = b.build();
    ASSERT_TRUE(log->append_as_leader(bytes, 0, now));
  }
  auto exact = log->offset_for_timestamp(now + 1000 * 17 + 2).value();
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->offset, 17 * 4 + 2);
  EXPECT_EQ(exact->timestamp, now + 1000 * 17 + 2);
  auto between = log->offset_for_timestamp(now + 1000 * 30 + 500).value();
  ASSERT_TRUE(between);
  EXPECT_EQ(between->offset, 31 * 4);
  auto first = log->offset_for_timestamp(0).value();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->offset, 0);
  EXPECT_FALSE(log->offset_for_timestamp(now + 1000 * 60).value());
}

TEST_F(PartitionLogTest, OffsetForTimestampLooksInsideCompressedBatches) {
  auto log = open_log({});
  record_batch_builder b(compression_type::gzip);
  for (int j = 0; j < 10; ++j) b.add(now + j * 10, std::nullopt, "v" + std::to_string(j));
  auto bytes = b.build();
  ASSERT_TRUE(log->append_as_leader(bytes, 0, now));
  auto found = log->offset_for_timestamp(now + 45).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->offset, 5);
}

TEST_F(PartitionLogTest, TruncateToRemovesSuffixAcrossSegmentsAndAppendsContinue) {
  log_config cfg;
  cfg.segment_bytes = 1024;
  auto log = open_log(cfg);
  append_batches(*log, 50, 2, 40);
  size_t segments_before = log->segment_base_offsets().size();
  log->truncate_to(31, now);  // offset 31 sits in the batch [30, 31]: the whole batch goes
  EXPECT_EQ(log->log_end_offset(), 30);
  EXPECT_LT(log->segment_base_offsets().size(), segments_before);
  auto again = test::make_batch(2, 16, now, "new");
  auto r = log->append_as_leader(again, 8, now);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value().first_offset, 30);
  auto all = test::read_all(*log, 0, log->log_end_offset());
  ASSERT_EQ(all.size(), 32u);
  EXPECT_EQ(all[30].value.substr(0, 5), "new-0");
}

TEST_F(PartitionLogTest, TruncateBelowLogStartRestartsTheLog) {
  auto log = open_log({});
  append_batches(*log, 5, 2);
  log->truncate_to(0, now);
  EXPECT_EQ(log->log_end_offset(), 0);
  EXPECT_EQ(log->size_bytes(), 0u);
}

TEST_F(PartitionLogTest, FollowerAppendKeepsLeaderOffsetsAndRejectsRegression) {
  auto leader = open_log({});
  append_batches(*leader, 3, 2);
  auto r = leader->read(0, 1 << 20, leader->log_end_offset(), true);
  auto bytes = test::slice_bytes(*r.value().data);

  test::temp_dir other;
  open_options opts;
  opts.had_clean_shutdown = true;
  auto follower = partition_log::open(other.path() / "orders-0", {"orders", 0}, {}, opts);
  ASSERT_TRUE(follower->append_as_follower(bytes, now));
  EXPECT_EQ(follower->log_end_offset(), 6);
  EXPECT_EQ(parse_batch_header(test::slice_bytes(*follower->read(4, 1 << 20, 6, true).value().data)).partition_leader_epoch, 7);
  auto replay = bytes;
  EXPECT_EQ(follower->append_as_follower(replay, now).error(), make_error_code(errc::non_monotonic_offsets));
}

TEST_F(PartitionLogTest, AdvanceLogStartOffsetDeletesWholeSegmentsBelowIt) {
  log_config cfg;
  cfg.segment_bytes = 1024;
  auto log = open_log(cfg);
  append_batches(*log, 40, 2, 40);
  auto r = log->advance_log_start_offset(41, now);
  ASSERT_TRUE(r);
  EXPECT_EQ(log->log_start_offset(), 41);
  EXPECT_LE(log->segment_base_offsets().front(), 41);
  EXPECT_EQ(log->read(40, 100, 80, true).error(), make_error_code(errc::offset_out_of_range));
  auto rest = test::read_all(*log, 41, log->log_end_offset());
  EXPECT_EQ(rest.size(), 39u);
  EXPECT_EQ(log->advance_log_start_offset(1000, now).error(), make_error_code(errc::offset_out_of_range));
}

TEST_F(PartitionLogTest, TimeBasedRollUsesFirstBatchTimestamp) {
  log_config cfg;
  cfg.segment_ms = 60'000;
  auto log = open_log(cfg);
  append_batches(*log, 1, 1, 16, now);
  append_batches(*log, 1, 1, 16, now + 30'000);
  EXPECT_EQ(log->segment_base_offsets().size(), 1u);
  append_batches(*log, 1, 1, 16, now + 60'001);
  EXPECT_EQ(log->segment_base_offsets(), (std::vector<int64_t>{0, 2}));
}

TEST_F(PartitionLogTest, RollFlushesTheOldSegmentAndAdvancesRecoveryPoint) {
  log_config cfg;
  cfg.segment_bytes = 1024;
  auto log = open_log(cfg);
  EXPECT_EQ(log->recovery_point(), 0);
  append_batches(*log, 20, 2, 40);
  auto bases = log->segment_base_offsets();
  ASSERT_GT(bases.size(), 1u);
  EXPECT_EQ(log->recovery_point(), bases.back());
  // Rolled segments have trimmed indexes, Kafka's layout for inactive segments.
  EXPECT_EQ(std::filesystem::file_size(index_path(log->dir(), bases.front())),
            log->segment_at(bases.front()).index().entries() * 8);
}

TEST_F(PartitionLogTest, FlushIntervalMessagesTriggersFlush) {
  log_config cfg;
  cfg.flush_interval_messages = 5;
  auto log = open_log(cfg);
  append_batches(*log, 1, 3);
  log->flush_if_due(now);
  EXPECT_EQ(log->recovery_point(), 0);
  append_batches(*log, 1, 3);
  log->flush_if_due(now);
  EXPECT_EQ(log->recovery_point(), 6);
}

}  // namespace
}  // namespace kb::log
