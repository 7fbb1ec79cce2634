// Where a new follower truncates, as a pure function of the leader's answer and its own log.
#include <gtest/gtest.h>

#include "replication/epoch_truncation.h"

namespace kb::replication {
namespace {

follower_log_position position(int64_t log_end, int64_t hw, log::epoch_end_offset own) {
  return follower_log_position{log_end, hw, own};
}

TEST(EpochTruncation, LeaderWithoutEpochInformationMeansTheHighWatermark) {
  auto step = decide_truncation({log::undefined_epoch, log::undefined_epoch_offset}, position(10, 7, {3, 10}));
  EXPECT_EQ(step.truncate_to, 7);
  EXPECT_TRUE(step.complete);
}

TEST(EpochTruncation, SameEpochKeepsTheShorterEnd) {
  EXPECT_EQ(decide_truncation({3, 8}, position(10, 5, {3, 10})).truncate_to, 8);
  EXPECT_EQ(decide_truncation({3, 12}, position(10, 5, {3, 10})).truncate_to, 10);
  EXPECT_EQ(decide_truncation({3, 12}, position(10, 5, {3, 9})).truncate_to, 9);
  EXPECT_TRUE(decide_truncation({3, 8}, position(10, 5, {3, 10})).complete);
}

TEST(EpochTruncation, EpochTheFollowerNeverHadTruncatesToItsOwnEpochEndAndAsksAgain) {
  auto step = decide_truncation({2, 8}, position(8, 3, {1, 6}));
  EXPECT_EQ(step.truncate_to, 6);
  EXPECT_FALSE(step.complete);
}

TEST(EpochTruncation, FollowerWithoutEarlierEpochsKeepsAtMostTheLeadersEnd) {
  auto step = decide_truncation({2, 4}, position(9, 0, {log::undefined_epoch, log::undefined_epoch_offset}));
  EXPECT_EQ(step.truncate_to, 4);
  EXPECT_TRUE(step.complete);
}

TEST(EpochTruncation, NeverBeyondTheFollowersLogEnd) {
  EXPECT_EQ(decide_truncation({5, 100}, position(10, 2, {5, 10})).truncate_to, 10);
  EXPECT_EQ(decide_truncation({log::undefined_epoch, log::undefined_epoch_offset}, position(4, 7, {})).truncate_to, 4);
}

}  // namespace
}  // namespace kb::replication
