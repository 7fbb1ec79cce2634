#include "log/producer_state.h"

#include <gtest/gtest.h>

#include "log/partition_log.h"
#include "log/record_batch_builder.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

batch_header idempotent(int64_t pid, int16_t epoch, int32_t base_seq, int32_t records) {
  batch_header h;
  h.producer_id = pid;
  h.producer_epoch = epoch;
  h.base_sequence = base_seq;
  h.last_offset_delta = records - 1;
  h.records_count = records;
  return h;
}

using verdict = producer_state::verdict;

TEST(ProducerStateTest, NonIdempotentBatchesAreAlwaysAppended) {
  producer_state s;
  batch_header h;  // producer id -1
  EXPECT_EQ(s.check(h).what, verdict::append);
  s.record(h, 0, 0);
  EXPECT_EQ(s.producer_count(), 0u);
}

TEST(ProducerStateTest, UnknownProducerIsAcceptedAtAnySequence) {
  producer_state s;
  EXPECT_EQ(s.check(idempotent(7, 0, 42, 3)).what, verdict::append);
}

TEST(ProducerStateTest, SameEpochMustContinueAtLastSequencePlusOne) {
  producer_state s;
  s.record(idempotent(7, 0, 0, 3), 10, 12);  // sequences 0..2
  EXPECT_EQ(s.check(idempotent(7, 0, 3, 2)).what, verdict::append);
  EXPECT_EQ(s.check(idempotent(7, 0, 4, 2)).what, verdict::out_of_order);
  EXPECT_EQ(s.check(idempotent(7, 0, 1, 2)).what, verdict::out_of_order);
}

TEST(ProducerStateTest, RetryOfARetainedBatchIsADuplicateWithOriginalOffsets) {
  producer_state s;
  s.record(idempotent(7, 0, 0, 3), 10, 12);
  s.record(idempotent(7, 0, 3, 3), 20, 22);
  auto r = s.check(idempotent(7, 0, 0, 3));
  ASSERT_EQ(r.what, verdict::duplicate);
  EXPECT_EQ(r.original.first_offset, 10);
  EXPECT_EQ(r.original.last_offset, 12);
}

TEST(ProducerStateTest, OnlyTheLastFiveBatchesAreRetained) {
  producer_state s;
  for (int i = 0; i < 6; ++i) s.record(idempotent(7, 0, i, 1), i, i);
  EXPECT_EQ(s.check(idempotent(7, 0, 0, 1)).what, verdict::out_of_order);  // evicted
  EXPECT_EQ(s.check(idempotent(7, 0, 1, 1)).what, verdict::duplicate);
}

TEST(ProducerStateTest, OlderEpochIsFencedAndNewerEpochRestartsAtZero) {
  producer_state s;
  s.record(idempotent(7, 3, 0, 5), 0, 4);
  EXPECT_EQ(s.check(idempotent(7, 2, 5, 1)).what, verdict::invalid_epoch);
  EXPECT_EQ(s.check(idempotent(7, 4, 5, 1)).what, verdict::out_of_order);
  EXPECT_EQ(s.check(idempotent(7, 4, 0, 1)).what, verdict::append);
  s.record(idempotent(7, 4, 0, 1), 5, 5);
  EXPECT_EQ(s.check(idempotent(7, 4, 1, 1)).what, verdict::append);
}

TEST(ProducerStateTest, SequencesWrapFromInt32MaxToZero) {
  producer_state s;
  s.record(idempotent(7, 0, INT32_MAX - 1, 2), 0, 1);  // INT32_MAX-1, INT32_MAX
  EXPECT_EQ(s.check(idempotent(7, 0, 0, 1)).what, verdict::append);
}

TEST(ProducerStateTest, TruncationForgetsBatchesAtAndAboveTheOffset) {
  producer_state s;
  s.record(idempotent(7, 0, 0, 2), 0, 1);
  s.record(idempotent(7, 0, 2, 2), 2, 3);
  s.truncate_to(2);
  EXPECT_EQ(s.check(idempotent(7, 0, 2, 2)).what, verdict::append);
  s.truncate_to(0);
  EXPECT_EQ(s.producer_count(), 0u);
}

std::vector<std::byte> producer_batch(int64_t pid, int16_t epoch, int32_t seq, int records) {
  record_batch_builder b;
  b.producer(pid, epoch, seq);
  for (int i = 0; i < records; ++i) b.add(1'700'000'000'000, std::nullopt, "v" + std::to_string(seq + i));
  return b.build();
}

class IdempotentLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<partition_log> open_log() {
    open_options opts;
    opts.had_clean_shutdown = true;
    return partition_log::open(tmp_.path() / "t-0", {"t", 0}, {}, opts);
  }
  test::temp_dir tmp_;
};

TEST_F(IdempotentLogTest, RetriedBatchIsNotAppendedTwice) {
  auto log = open_log();
  auto b0 = producer_batch(1000, 0, 0, 3);
  auto retry = b0;
  ASSERT_TRUE(log->append_as_leader(b0, 0, 0));
  auto b1 = producer_batch(1000, 0, 3, 2);
  ASSERT_TRUE(log->append_as_leader(b1, 0, 0));
  auto r = log->append_as_leader(retry, 0, 0);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.value().duplicate);
  EXPECT_EQ(r.value().first_offset, 0);
  EXPECT_EQ(r.value().last_offset, 2);
  EXPECT_EQ(log->log_end_offset(), 5);
}

TEST_F(IdempotentLogTest, GapsAndFencedEpochsAreRejectedWithoutAppending) {
  auto log = open_log();
  auto b0 = producer_batch(1000, 1, 0, 3);
  ASSERT_TRUE(log->append_as_leader(b0, 0, 0));
  auto gap = producer_batch(1000, 1, 5, 1);
  EXPECT_EQ(log->append_as_leader(gap, 0, 0).error(), make_error_code(errc::out_of_order_sequence));
  auto old = producer_batch(1000, 0, 3, 1);
  EXPECT_EQ(log->append_as_leader(old, 0, 0).error(), make_error_code(errc::invalid_producer_epoch));
  EXPECT_EQ(log->log_end_offset(), 3);
}

TEST_F(IdempotentLogTest, StateSurvivesRestartSoRetriesAfterACrashAreDeduplicated) {
  std::vector<std::byte> retry;
  {
    auto log = open_log();
    auto b0 = producer_batch(1000, 0, 0, 3);
    retry = b0;
    ASSERT_TRUE(log->append_as_leader(b0, 0, 0));
  }  // crash: no close
  open_options opts;
  opts.had_clean_shutdown = false;
  auto log = partition_log::open(tmp_.path() / "t-0", {"t", 0}, {}, opts);
  auto r = log->append_as_leader(retry, 0, 0);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.value().duplicate);
  auto next = producer_batch(1000, 0, 3, 1);
  auto n = log->append_as_leader(next, 0, 0);
  ASSERT_TRUE(n);
  EXPECT_EQ(n.value().first_offset, 3);
}

}  // namespace
}  // namespace kb::log
