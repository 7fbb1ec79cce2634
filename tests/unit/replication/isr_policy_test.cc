#include "replication/isr_policy.h"

#include <gtest/gtest.h>

namespace kb::replication {
namespace {

constexpr int64_t lag = 30'000;

TEST(IsrPolicyTest, FollowerThatCaughtUpRecentlyStaysInSync) {
  std::map<int32_t, follower_state> f{{2, {100, 50'000}}, {3, {90, 79'000}}};
  EXPECT_TRUE(out_of_sync_replicas(1, {1, 2, 3}, f, 80'000, lag).empty());
}

TEST(IsrPolicyTest, FollowerNotCaughtUpForLongerThanTheLagFallsOut) {
  std::map<int32_t, follower_state> f{{2, {100, 49'999}}, {3, {100, 79'000}}};
  EXPECT_EQ(out_of_sync_replicas(1, {1, 2, 3}, f, 80'000, lag), std::vector<int32_t>{2});
}

TEST(IsrPolicyTest, ExactlyTheLagIsStillInSync) {
  std::map<int32_t, follower_state> f{{2, {100, 50'000}}};
  EXPECT_TRUE(out_of_sync_replicas(1, {1, 2}, f, 80'000, lag).empty());
}

TEST(IsrPolicyTest, TheLeaderIsNeverOutOfSyncAndUnknownFollowersAre) {
  EXPECT_EQ(out_of_sync_replicas(1, {1, 4}, {}, 0, lag), std::vector<int32_t>{4});
}

TEST(IsrPolicyTest, RejoinNeedsTheHighWatermarkAndTheEpochStart) {
  EXPECT_TRUE(may_join_isr({100, 0}, 100, 50));
  EXPECT_FALSE(may_join_isr({99, 0}, 100, 50));
  EXPECT_FALSE(may_join_isr({100, 0}, 100, 120));  // a stale tail before the new epoch
}

}  // namespace
}  // namespace kb::replication
