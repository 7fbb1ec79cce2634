#include "zkmeta/controller/leader_election.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

TEST(LeaderElectionTest, FirstLiveIsrReplicaInAssignmentOrderLeads) {
  auto c = elect_leader({1, 2, 3}, {3, 2, 1}, {1, 2, 3}, false);
  EXPECT_EQ(c.leader, 1);
  c = elect_leader({1, 2, 3}, {3, 2}, {1, 2, 3}, false);
  EXPECT_EQ(c.leader, 2);  // 1 is alive but out of sync
  EXPECT_FALSE(c.unclean);
}

TEST(LeaderElectionTest, DeadBrokersLeaveTheIsr) {
  auto c = elect_leader({1, 2, 3}, {1, 2, 3}, {2, 3}, false);
  EXPECT_EQ(c.leader, 2);
  EXPECT_EQ(c.isr, (std::vector<int32_t>{2, 3}));
}

TEST(LeaderElectionTest, NoLiveIsrMemberMeansOfflineKeepingTheLastIsrMember) {
  auto c = elect_leader({1, 2, 3}, {1}, {2, 3}, false);
  EXPECT_EQ(c.leader, -1);
  EXPECT_EQ(c.isr, (std::vector<int32_t>{1}));
}

TEST(LeaderElectionTest, UncleanElectionPicksTheFirstLiveReplica) {
  auto c = elect_leader({1, 2, 3}, {1}, {3, 2}, true);
  EXPECT_EQ(c.leader, 2);
  EXPECT_EQ(c.isr, (std::vector<int32_t>{2}));
  EXPECT_TRUE(c.unclean);
}

TEST(LeaderElectionTest, NothingAliveStaysOfflineEvenWhenUnclean) {
  auto c = elect_leader({1, 2}, {1, 2}, {}, true);
  EXPECT_EQ(c.leader, -1);
  EXPECT_EQ(c.isr, (std::vector<int32_t>{2}));
}

TEST(LeaderElectionTest, ReturningIsrMemberLeadsAnOfflinePartition) {
  auto c = elect_leader({1, 2, 3}, {1}, {1, 2}, false);
  EXPECT_EQ(c.leader, 1);
  EXPECT_EQ(c.isr, (std::vector<int32_t>{1}));
}

}  // namespace
}  // namespace kb::zkmeta
