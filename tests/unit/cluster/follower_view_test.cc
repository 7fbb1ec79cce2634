// follower_view: which logs the replica fetchers may write to.
#include "brokerd/cluster/follower_view.h"

#include <gtest/gtest.h>

#include "log/log_manager.h"
#include "tests/support/manual_clock.h"
#include "tests/support/temp_dir.h"

namespace kb::cluster {
namespace {

class FollowerViewTest : public ::testing::Test {
 protected:
  static constexpr int32_t local_id = 2;

  FollowerViewTest() { logs_.startup(0); }
  ~FollowerViewTest() override { logs_.shutdown(); }

  void apply(int32_t leader, int32_t epoch) {
    partition_state s;
    s.leader = leader;
    s.leader_epoch = epoch;
    s.isr = {1, 2};
    s.replicas = {1, 2};
    ASSERT_NE(replicas_.apply(tp_, s, log::log_config{}, 0), nullptr);
  }

  test::temp_dir tmp_;
  log::log_manager logs_{{tmp_.path()}, log::log_config{}};
  test::manual_clock clock_;
  replica_manager replicas_{logs_, local_id, clock_};
  follower_view view_{replicas_, [] { return int64_t{0}; }};
  const topic_partition tp_{"t", 0};
};

TEST_F(FollowerViewTest, AFollowedLogIsGivenAtTheEpochFollowed) {
  apply(1, 3);
  EXPECT_EQ(view_.follower_log(tp_, 3), &replicas_.get(tp_)->log());
  EXPECT_EQ(view_.follower_log(tp_, 2), nullptr);
  EXPECT_EQ(view_.follower_log({"t", 1}, 3), nullptr);
}

TEST_F(FollowerViewTest, ALogLedHereIsNotFollowed) {
  apply(local_id, 3);
  EXPECT_EQ(view_.follower_log(tp_, 3), nullptr);
}

// Kafka's handleLogDirFailure removes the fetchers of the failed dir's partitions.
TEST_F(FollowerViewTest, AnOfflineLogIsNoLongerFollowed) {
  apply(1, 3);
  replicas_.get(tp_)->log().take_offline("its log dir failed");
  EXPECT_EQ(view_.follower_log(tp_, 3), nullptr);
}

}  // namespace
}  // namespace kb::cluster
