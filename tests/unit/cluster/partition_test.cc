#include "brokerd/cluster/partition.h"

#include <gtest/gtest.h>

#include "tests/support/batches.h"
#include "tests/support/manual_clock.h"
#include "tests/support/temp_dir.h"

namespace kb::cluster {
namespace {

class PartitionTest : public ::testing::Test {
 protected:
  PartitionTest() {
    log::open_options opts;
    opts.had_clean_shutdown = true;
    log_ = log::partition_log::open(tmp_.path() / "t-0", {"t", 0}, {}, opts);
  }
  void append(int records) {
    auto b = test::make_batch(records);
    ASSERT_TRUE(log_->append_as_leader(b, 0, 0));
  }
  test::temp_dir tmp_;
  std::unique_ptr<log::partition_log> log_;
  test::manual_clock clock_;
  partition::waiters waiting_{clock_};
};

TEST_F(PartitionTest, SingleReplicaLeaderCommitsEveryAppend) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 3, .isr = {1}, .replicas = {1}}, 0);
  EXPECT_TRUE(p.is_leader());
  append(5);
  EXPECT_TRUE(p.update_high_watermark());
  EXPECT_EQ(p.high_watermark(), 5);
}

TEST_F(PartitionTest, HighWatermarkIsTheSmallestLogEndAcrossTheIsr) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2, 3}, .replicas = {1, 2, 3}}, 0);
  append(10);
  p.update_high_watermark();
  EXPECT_EQ(p.high_watermark(), 0);
  p.record_follower_fetch(2, 10, 100);
  EXPECT_EQ(p.high_watermark(), 0);  // replica 3 has nothing yet
  p.record_follower_fetch(3, 4, 100);
  EXPECT_EQ(p.high_watermark(), 4);
  p.record_follower_fetch(3, 10, 200);
  EXPECT_EQ(p.high_watermark(), 10);
  EXPECT_EQ(p.followers().at(3).last_caught_up_ms, 200);
}

TEST_F(PartitionTest, ReplicasOutsideTheIsrDoNotHoldBackTheHighWatermark) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2, 3}}, 0);
  append(6);
  p.record_follower_fetch(2, 6, 10);
  EXPECT_EQ(p.high_watermark(), 6);
}

TEST_F(PartitionTest, HighWatermarkNeverMovesBackwardsWhileLeader) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}, 0);
  append(6);
  p.record_follower_fetch(2, 6, 10);
  EXPECT_FALSE(p.record_follower_fetch(2, 3, 20));  // a stale, reordered fetch offset
  EXPECT_EQ(p.high_watermark(), 6);
}

TEST_F(PartitionTest, AFollowerOneFetchBehindASteadyStreamStaysCaughtUp) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}, 0);
  append(5);
  p.record_follower_fetch(2, 0, 100);  // behind the log end (5) at its first fetch
  EXPECT_EQ(p.followers().at(2).last_caught_up_ms, 0);
  append(5);
  // It reached the end the leader had at its previous fetch: caught up as of then (Kafka's
  // lastFetchLeaderLogEndOffset rule), though the log grew again meanwhile.
  p.record_follower_fetch(2, 5, 200);
  EXPECT_EQ(p.followers().at(2).last_caught_up_ms, 100);
  append(5);
  p.record_follower_fetch(2, 10, 300);
  EXPECT_EQ(p.followers().at(2).last_caught_up_ms, 200);
  p.record_follower_fetch(2, 15, 400);  // at the log end itself
  EXPECT_EQ(p.followers().at(2).last_caught_up_ms, 400);
  p.record_follower_fetch(2, 12, 500);  // a stale, reordered fetch never moves it back
  EXPECT_EQ(p.followers().at(2).last_caught_up_ms, 400);
}

TEST_F(PartitionTest, AFollowerFallingFurtherBehindIsNotCaughtUp) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}, 0);
  append(10);
  p.record_follower_fetch(2, 2, 100);
  append(10);
  p.record_follower_fetch(2, 4, 200);  // short of the 10 the leader had at its previous fetch
  EXPECT_EQ(p.followers().at(2).last_caught_up_ms, 0);
}

TEST_F(PartitionTest, FollowerHighWatermarkIsBoundedByItsOwnLog) {
  partition p(*log_, 2, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}, 0);
  EXPECT_FALSE(p.is_leader());
  append(3);
  p.set_follower_high_watermark(10);
  EXPECT_EQ(p.high_watermark(), 3);
}

TEST_F(PartitionTest, FollowerTakesTheLeadersHighWatermarkEvenWhenItIsLower) {
  partition p(*log_, 2, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}, 0);
  append(6);
  p.set_follower_high_watermark(6);
  ASSERT_EQ(p.high_watermark(), 6);
  p.apply({.leader = 3, .leader_epoch = 1, .isr = {3, 2}, .replicas = {1, 2, 3}}, 0);
  p.set_follower_high_watermark(4);  // the new leader has not yet learnt where its followers are
  EXPECT_EQ(p.high_watermark(), 4);
}

TEST_F(PartitionTest, FollowerTruncationKeepsTheHighWatermarkWithinTheLog) {
  partition p(*log_, 2, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}, 0);
  append(4);
  append(4);
  p.set_follower_high_watermark(8);
  p.truncate_as_follower(4, 0);
  EXPECT_EQ(log_->log_end_offset(), 4);
  EXPECT_EQ(p.high_watermark(), 4);
  p.restart_as_follower(20, 0);
  EXPECT_EQ(log_->log_start_offset(), 20);
  EXPECT_EQ(log_->log_end_offset(), 20);
  EXPECT_EQ(p.high_watermark(), 20);
}

TEST_F(PartitionTest, CheckpointedHighWatermarkIsKeptWithinTheLog) {
  append(5);
  EXPECT_EQ(partition(*log_, 1, waiting_, 3).high_watermark(), 3);
  EXPECT_EQ(partition(*log_, 1, waiting_, 9).high_watermark(), 5);
  partition restarted(*log_, 1, waiting_, 3);
  restarted.apply({.leader = 1, .leader_epoch = 1, .isr = {1, 2}, .replicas = {1, 2}}, 0);
  EXPECT_EQ(restarted.high_watermark(), 3);  // committed data stays readable at once
}

TEST_F(PartitionTest, ApplyReportsRoleAndEpochChanges) {
  partition p(*log_, 1, waiting_);
  EXPECT_TRUE(p.apply({.leader = 1, .leader_epoch = 0, .isr = {1}, .replicas = {1, 2}}, 0));
  EXPECT_FALSE(p.apply({.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}, 0));
  EXPECT_TRUE(p.apply({.leader = 2, .leader_epoch = 1, .isr = {2}, .replicas = {1, 2}}, 0));
  EXPECT_FALSE(p.is_leader());
}

TEST_F(PartitionTest, BecomingLeaderStartsItsEpochAtTheLogEnd) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1}, .replicas = {1}}, 0);
  append(4);
  p.apply({.leader = 2, .leader_epoch = 1, .isr = {2, 1}, .replicas = {2, 1}}, 0);  // followers record nothing
  p.apply({.leader = 1, .leader_epoch = 2, .isr = {1}, .replicas = {2, 1}}, 0);
  using entries = std::vector<log::epoch_entry>;
  EXPECT_EQ(log_->epochs().entries(), (entries{{0, 0}, {2, 4}}));
  // A follower with epoch 1 data past offset 4 learns that the leader's epoch 0 ends at 4.
  EXPECT_EQ(log_->end_offset_for_epoch(kb::leader_epoch{1}), (log::epoch_end_offset{0, 4}));
}


// Requests parked on a partition are woken by the partition's own mutators.
class PartitionWakesItsWaitersTest : public PartitionTest {
 protected:
  // Parks an operation on `tp` that counts how often it is re-checked.
  struct counting_op : kb::delayed_operation {
    int checks = 0;
    bool try_complete() override {
      ++checks;
      return false;
    }
    void on_expiration() override {}
  };
  std::shared_ptr<counting_op> park(topic_partition tp = {"t", 0}) {
    auto op = std::make_shared<counting_op>();
    waiting_.watch(op, {tp}, clock_.now() + std::chrono::hours(1));
    op->checks = 0;
    return op;
  }
  static partition_state led_with_follower() { return {.leader = 1, .leader_epoch = 0, .isr = {1, 2}, .replicas = {1, 2}}; }
};

TEST_F(PartitionWakesItsWaitersTest, ALeaderAppendWakesThemEvenWhenTheHighWatermarkStays) {
  partition p(*log_, 1, waiting_);
  p.apply(led_with_follower(), 0);
  auto op = park();
  auto b = test::make_batch(2);
  ASSERT_TRUE(p.append_as_leader(b, 0));
  EXPECT_EQ(p.high_watermark(), 0) << "the follower has not fetched";
  EXPECT_EQ(op->checks, 1);
}

TEST_F(PartitionWakesItsWaitersTest, AFollowerFetchThatMovesTheHighWatermarkWakesThem) {
  partition p(*log_, 1, waiting_);
  p.apply(led_with_follower(), 0);
  auto b = test::make_batch(2);
  ASSERT_TRUE(p.append_as_leader(b, 0));
  auto op = park();
  p.record_follower_fetch(2, 0, 0);
  EXPECT_EQ(op->checks, 0) << "nothing moved";
  p.record_follower_fetch(2, 2, 0);
  EXPECT_EQ(p.high_watermark(), 2);
  EXPECT_EQ(op->checks, 1);
}

TEST_F(PartitionWakesItsWaitersTest, NewLeadershipWakesThem) {
  partition p(*log_, 1, waiting_);
  p.apply(led_with_follower(), 0);
  auto op = park();
  p.apply({.leader = 2, .leader_epoch = 1, .isr = {2}, .replicas = {1, 2}}, 0);
  EXPECT_GE(op->checks, 1);
}

TEST_F(PartitionWakesItsWaitersTest, AnIsrThisLeaderWroteWakesThem) {
  partition p(*log_, 1, waiting_);
  p.apply(led_with_follower(), 0);
  auto op = park();
  p.set_isr({1}, 1);
  EXPECT_EQ(op->checks, 1);
}

TEST_F(PartitionWakesItsWaitersTest, AMovedLogStartWakesThem) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1}, .replicas = {1}}, 0);
  auto b = test::make_batch(4);
  ASSERT_TRUE(p.append_as_leader(b, 0));
  auto op = park();
  ASSERT_TRUE(p.advance_log_start_offset(2, 0));
  EXPECT_EQ(op->checks, 1);
}

TEST_F(PartitionWakesItsWaitersTest, AnotherPartitionsWaitersSleepOn) {
  partition p(*log_, 1, waiting_);
  p.apply({.leader = 1, .leader_epoch = 0, .isr = {1}, .replicas = {1}}, 0);
  auto other = park({"t", 1});
  auto b = test::make_batch(1);
  ASSERT_TRUE(p.append_as_leader(b, 0));
  p.set_isr({1}, 1);
  EXPECT_EQ(other->checks, 0);
}

}  // namespace
}  // namespace kb::cluster
