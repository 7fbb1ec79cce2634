// group_state: the names DescribeGroups reports and Kafka's GroupState.validPreviousStates.
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "brokerd/group/group_metadata.h"
#include "brokerd/group/group_state.h"

namespace kb::group {
namespace {

using enum group_state;

constexpr group_state all_states[] = {empty, preparing_rebalance, completing_rebalance, stable, dead};

TEST(GroupStateTest, NamesAreKafkasStateNames) {
  EXPECT_EQ(name(empty), "Empty");
  EXPECT_EQ(name(preparing_rebalance), "PreparingRebalance");
  EXPECT_EQ(name(completing_rebalance), "CompletingRebalance");
  EXPECT_EQ(name(stable), "Stable");
  EXPECT_EQ(name(dead), "Dead");
}

TEST(GroupStateTest, PreparingRebalanceFollowsEmptyStableOrCompletingRebalance) {
  EXPECT_TRUE(valid_transition(empty, preparing_rebalance));
  EXPECT_TRUE(valid_transition(stable, preparing_rebalance));
  EXPECT_TRUE(valid_transition(completing_rebalance, preparing_rebalance));
  EXPECT_FALSE(valid_transition(preparing_rebalance, preparing_rebalance));
  EXPECT_FALSE(valid_transition(dead, preparing_rebalance));
}

TEST(GroupStateTest, CompletingRebalanceFollowsOnlyPreparingRebalance) {
  for (group_state from : all_states) {
    EXPECT_EQ(valid_transition(from, completing_rebalance), from == preparing_rebalance) << name(from);
  }
}

TEST(GroupStateTest, StableFollowsOnlyCompletingRebalance) {
  for (group_state from : all_states) {
    EXPECT_EQ(valid_transition(from, stable), from == completing_rebalance) << name(from);
  }
}

TEST(GroupStateTest, EmptyFollowsOnlyPreparingRebalance) {
  for (group_state from : all_states) {
    EXPECT_EQ(valid_transition(from, empty), from == preparing_rebalance) << name(from);
  }
}

TEST(GroupStateTest, DeadFollowsEveryStateIncludingDead) {
  for (group_state from : all_states) EXPECT_TRUE(valid_transition(from, dead)) << name(from);
}

TEST(GroupStateTest, NothingButDeadFollowsDead) {
  for (group_state to : all_states) EXPECT_EQ(valid_transition(dead, to), to == dead) << name(to);
}

TEST(GroupStateTest, CanRebalanceOnlyFromEmptyStableOrCompletingRebalance) {
  group_metadata g("g", empty, 0);
  EXPECT_TRUE(g.can_rebalance());
  g.transition_to(preparing_rebalance, 1);
  EXPECT_FALSE(g.can_rebalance());
  g.transition_to(completing_rebalance, 2);
  EXPECT_TRUE(g.can_rebalance());
  g.transition_to(stable, 3);
  EXPECT_TRUE(g.can_rebalance());
  g.transition_to(dead, 4);
  EXPECT_FALSE(g.can_rebalance());
}

TEST(GroupStateTest, ATransitionRecordsItsTime) {
  group_metadata g("g", empty, 5);
  EXPECT_EQ(g.current_state_timestamp_ms(), 5);
  g.transition_to(preparing_rebalance, 17);
  EXPECT_TRUE(g.is(preparing_rebalance));
  EXPECT_EQ(g.current_state_timestamp_ms(), 17);
}

TEST(GroupStateDeathTest, AnInvalidTransitionIsAnInvariantViolation) {
  group_metadata g("g", empty, 0);
  EXPECT_DEATH(g.transition_to(stable, 1), "cannot move from Empty to Stable");
}

}  // namespace
}  // namespace kb::group
