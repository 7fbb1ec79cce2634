#include "zkmeta/controller/replica_election.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

TEST(ReplicaElectionTest, PreferredElectionIsNeededWhenThePreferredReplicaDoesNotLead) {
  EXPECT_FALSE(election_needed(election_type::preferred, {{1, 2}, 1, {1, 2}}, {1, 2}));
  EXPECT_TRUE(election_needed(election_type::preferred, {{1, 2}, 2, {1, 2}}, {1, 2}));
  EXPECT_TRUE(election_needed(election_type::preferred, {{1, 2}, -1, {1}}, {2}));
  EXPECT_FALSE(election_needed(election_type::preferred, {{}, -1, {}}, {1}));
}

TEST(ReplicaElectionTest, UncleanElectionIsNeededOnlyWithoutALiveLeader) {
  EXPECT_FALSE(election_needed(election_type::unclean, {{1, 2}, 2, {2}}, {1, 2}));
  EXPECT_TRUE(election_needed(election_type::unclean, {{1, 2}, -1, {1}}, {2}));
  EXPECT_TRUE(election_needed(election_type::unclean, {{1, 2}, 1, {1}}, {2}));  // leader died, not yet re-elected
}

TEST(ReplicaElectionTest, PreferredElectionMovesLeadershipAndKeepsTheIsr) {
  auto c = plan_election(election_type::preferred, {{1, 2, 3}, 2, {2, 3, 1}}, {1, 2, 3});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->leader, 1);
  EXPECT_EQ(c->isr, (std::vector<int32_t>{2, 3, 1}));
  EXPECT_FALSE(c->unclean);
}

TEST(ReplicaElectionTest, PreferredElectionFailsWhenThePreferredReplicaIsOutOfSyncOrNotEligible) {
  EXPECT_FALSE(plan_election(election_type::preferred, {{1, 2}, 2, {2}}, {1, 2}));
  EXPECT_FALSE(plan_election(election_type::preferred, {{1, 2}, 2, {2, 1}}, {2}));
}

TEST(ReplicaElectionTest, UncleanElectionPrefersALiveIsrMember) {
  auto c = plan_election(election_type::unclean, {{1, 2, 3}, -1, {1, 3}}, {2, 3});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->leader, 3);
  EXPECT_EQ(c->isr, (std::vector<int32_t>{3}));
  EXPECT_FALSE(c->unclean);
}

TEST(ReplicaElectionTest, UncleanElectionFallsBackToTheFirstLiveReplica) {
  auto c = plan_election(election_type::unclean, {{1, 2, 3}, -1, {1}}, {3, 2});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->leader, 2);
  EXPECT_EQ(c->isr, (std::vector<int32_t>{2}));
  EXPECT_TRUE(c->unclean);
  EXPECT_FALSE(plan_election(election_type::unclean, {{1, 2}, -1, {1}}, {3}));  // no replica alive
}

TEST(ReplicaElectionTest, FailureMessagesNameKafkasStrategies) {
  EXPECT_EQ(election_failure_message(election_type::preferred, {"t", 0}),
            "Failed to elect leader for partition t-0 under strategy PreferredReplicaPartitionLeaderElectionStrategy");
  EXPECT_EQ(election_failure_message(election_type::unclean, {"t", 3}),
            "Failed to elect leader for partition t-3 under strategy OfflinePartitionLeaderElectionStrategy(true)");
  EXPECT_STREQ(to_string(election_type::preferred), "PREFERRED");
  EXPECT_STREQ(to_string(election_type::unclean), "UNCLEAN");
}

}  // namespace
}  // namespace kb::zkmeta
