#include "zkmeta/controller/preferred_leader.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

kb::topic_partition tp(const std::string& t, int32_t p) { return {t, p}; }

TEST(PreferredLeaderTest, ThePreferredReplicaLeadsOnlyWhenEligibleAndInSync) {
  EXPECT_EQ(eligible_preferred_leader({1, 2, 3}, {2, 3, 1}, {1, 2, 3}), 1);
  EXPECT_EQ(eligible_preferred_leader({1, 2, 3}, {2, 3}, {1, 2, 3}), std::nullopt);  // out of sync
  EXPECT_EQ(eligible_preferred_leader({1, 2, 3}, {2, 3, 1}, {2, 3}), std::nullopt);  // dead or shutting down
  EXPECT_EQ(eligible_preferred_leader({}, {1}, {1}), std::nullopt);
}

TEST(PreferredLeaderTest, ImbalanceCountsPerPreferredBrokerThePartitionsItDoesNotLead) {
  leadership_map m;
  m[tp("a", 0)] = {{1, 2}, 1, {1, 2}};
  m[tp("a", 1)] = {{1, 2}, 2, {1, 2}};
  m[tp("a", 2)] = {{2, 1}, 2, {2, 1}};
  m[tp("b", 0)] = {{1, 3}, -1, {1}};  // offline counts as not led by its preferred replica
  auto imbalance = leader_imbalance(m);
  ASSERT_EQ(imbalance.size(), 2u);
  EXPECT_EQ(imbalance[0].broker, 1);
  EXPECT_EQ(imbalance[0].preferred_count, 3);
  EXPECT_EQ(imbalance[0].not_led, (std::vector<kb::topic_partition>{tp("a", 1), tp("b", 0)}));
  EXPECT_DOUBLE_EQ(imbalance[0].ratio(), 2.0 / 3.0);
  EXPECT_EQ(imbalance[1].broker, 2);
  EXPECT_EQ(imbalance[1].preferred_count, 1);
  EXPECT_TRUE(imbalance[1].not_led.empty());
  EXPECT_DOUBLE_EQ(imbalance[1].ratio(), 0.0);
}

TEST(PreferredLeaderTest, PartitionsWithoutReplicasAreIgnored) {
  leadership_map m;
  m[tp("a", 0)] = {{}, 1, {1}};
  EXPECT_TRUE(leader_imbalance(m).empty());
}

TEST(PreferredLeaderTest, RebalanceTriggersOnlyAboveThePercentage) {
  // Broker 1 is preferred for 10 partitions and leads 9: a ratio of exactly 10 %.
  leadership_map m;
  for (int32_t p = 0; p < 10; ++p) m[tp("t", p)] = {{1, 2}, p == 0 ? 2 : 1, {1, 2}};
  EXPECT_TRUE(partitions_to_rebalance(m, {1, 2}, 10).empty());  // Kafka's test is "greater than"
  EXPECT_EQ(partitions_to_rebalance(m, {1, 2}, 9), (std::vector<kb::topic_partition>{tp("t", 0)}));
  EXPECT_EQ(partitions_to_rebalance(m, {1, 2}, 0), (std::vector<kb::topic_partition>{tp("t", 0)}));
}

TEST(PreferredLeaderTest, RebalanceSkipsPartitionsWhosePreferredReplicaCannotLead) {
  leadership_map m;
  m[tp("t", 0)] = {{1, 2}, 2, {2, 1}};  // can move back
  m[tp("t", 1)] = {{1, 2}, 2, {2}};     // broker 1 still catching up
  m[tp("t", 2)] = {{3, 2}, 2, {2, 3}};  // broker 3 is not eligible
  EXPECT_EQ(partitions_to_rebalance(m, {1, 2}, 10), (std::vector<kb::topic_partition>{tp("t", 0)}));
}

TEST(PreferredLeaderTest, RebalanceSkipsPartitionsBeingReassignedButCountsThemInTheRatio) {
  leadership_map m;
  // [1,2] -> [3,1] in progress: RS [3,1,2], 3 already in sync; the reassignment moves the leader.
  m[tp("t", 0)] = {{3, 1, 2}, 1, {1, 2, 3}, true};
  m[tp("t", 1)] = {{3, 1}, 1, {1, 3}};  // not moving: 3 takes it back
  EXPECT_EQ(leader_imbalance(m).back().broker, 3);
  EXPECT_EQ(leader_imbalance(m).back().not_led.size(), 2u);
  EXPECT_EQ(partitions_to_rebalance(m, {1, 2, 3}, 10), (std::vector<kb::topic_partition>{tp("t", 1)}));
  m[tp("t", 0)].being_reassigned = false;  // the same partition once its reassignment is done
  EXPECT_EQ(partitions_to_rebalance(m, {1, 2, 3}, 10), (std::vector<kb::topic_partition>{tp("t", 0), tp("t", 1)}));
}

TEST(PreferredLeaderTest, ABalancedClusterNeedsNothing) {
  leadership_map m;
  m[tp("t", 0)] = {{1, 2, 3}, 1, {1, 2, 3}};
  m[tp("t", 1)] = {{2, 3, 1}, 2, {1, 2, 3}};
  m[tp("t", 2)] = {{3, 1, 2}, 3, {1, 2, 3}};
  EXPECT_TRUE(partitions_to_rebalance(m, {1, 2, 3}, 0).empty());
}

}  // namespace
}  // namespace kb::zkmeta
