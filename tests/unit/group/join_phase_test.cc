// The join phase of a rebalance (Kafka's DelayedJoin, InitialDelayedJoin and onCompleteJoin):
// how long it waits (group.initial.rebalance.delay.ms for a new group, the rebalance timeout
// otherwise) and how it ends (members that did not rejoin, leader election, new members that
// wait too long).
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

class JoinPhaseTest : public CoordinatorTest {};

// --- the initial rebalance delay (group.initial.rebalance.delay.ms) ---------------------------------

TEST_F(JoinPhaseTest, TheFirstJoinOfANewGroupWaitsTheInitialRebalanceDelay) {
  config_.initial_rebalance_delay_ms = 3000;
  auto r = join(join_of("g"));
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
  advance(2999ms);
  EXPECT_FALSE(r->has_value());
  advance(1ms);
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->generation_id, 1);
}

TEST_F(JoinPhaseTest, AMemberJoiningDuringTheInitialDelayExtendsItByAnotherDelay) {
  config_.initial_rebalance_delay_ms = 3000;
  auto a = join(join_of("g"));
  advance(2000ms);
  auto b = join(join_of("g"));
  advance(3999ms);  // t = 5999
  EXPECT_FALSE(a->has_value());
  advance(1ms);  // t = 6000: the first delay ended at 3000 with a new member, so one more delay
  ASSERT_TRUE(a->has_value());
  ASSERT_TRUE(b->has_value());
  EXPECT_EQ((*a)->generation_id, 1);
  EXPECT_EQ((*a)->members.size(), 2u);
}

TEST_F(JoinPhaseTest, TheInitialDelayIsExtendedAtMostUpToTheRebalanceTimeout) {
  config_.initial_rebalance_delay_ms = 3000;
  join_request r = join_of("g");
  r.rebalance_timeout_ms = 7000;
  auto first = join(r);
  // Delays end at 3000, 6000 and (cut to the remaining 1000) 7000; someone joins before each.
  for (auto at : {1000ms, 4000ms, 6500ms}) {
    advance_to(at);
    join(join_of("g"));
  }
  advance_to(6999ms);
  EXPECT_FALSE(first->has_value());
  advance(1ms);
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->members.size(), 4u);
}

// --- the end of a join phase -----------------------------------------------------------------------

// Sessions longer than the rebalance timeout: only the rebalance timeout removes anyone.
join_request long_session(join_request r) {
  r.session_timeout_ms = 100000;
  return r;
}

TEST_F(JoinPhaseTest, DynamicMembersThatDoNotRejoinWithinTheRebalanceTimeoutAreRemoved) {
  auto group = form_group("g", {long_session(join_of("g")), long_session(join_of("g"))});
  auto leader = join(long_session(join_of("g", group.leader())));
  advance(milliseconds(rebalance_ms - 1));
  EXPECT_FALSE(leader->has_value());
  EXPECT_EQ(describe("g").members.size(), 2u);
  advance(1ms);
  ASSERT_TRUE(leader->has_value());
  EXPECT_EQ((*leader)->generation_id, group.generation + 1);
  ASSERT_EQ((*leader)->members.size(), 1u);
  EXPECT_EQ((*leader)->members[0].member_id, group.leader());
  EXPECT_EQ(coordinator_.heartbeat("g", group.ids[1], std::nullopt, group.generation), error_code::unknown_member_id);
}

TEST_F(JoinPhaseTest, StaticMembersThatDoNotRejoinWithinTheRebalanceTimeoutAreKept) {
  auto group = form_group("g", {long_session(join_of("g")), long_session(join_of("g", "", "instance"))});
  auto leader = join(long_session(join_of("g", group.leader())));
  advance(milliseconds(rebalance_ms));
  ASSERT_TRUE(leader->has_value());
  EXPECT_EQ((*leader)->members.size(), 2u) << "the static member stays in the new generation";
  EXPECT_EQ(coordinator_.heartbeat("g", group.ids[1], "instance", group.generation + 1), error_code::none);
}

TEST_F(JoinPhaseTest, ALeaderThatDoesNotRejoinIsReplacedByAMemberThatDid) {
  auto group = form_group("g", {long_session(join_of("g")), long_session(join_of("g"))});
  join_request changed = long_session(join_of("g", group.ids[1]));
  changed.protocols = protocols({"range"}, {"t", "u"});
  auto follower = join(changed);
  advance(milliseconds(rebalance_ms));
  ASSERT_TRUE(follower->has_value());
  EXPECT_EQ((*follower)->leader, group.ids[1]);
  EXPECT_EQ((*follower)->members.size(), 1u) << "the new leader gets the member list";
}

TEST_F(JoinPhaseTest, AStaticLeaderThatDoesNotRejoinStaysAMemberButLosesLeadership) {
  auto group = form_group("g", {long_session(join_of("g", "", "leader")), long_session(join_of("g"))});
  join_request changed = long_session(join_of("g", group.ids[1]));
  changed.protocols = protocols({"range"}, {"t", "u"});
  auto follower = join(changed);
  advance(milliseconds(rebalance_ms));
  ASSERT_TRUE(follower->has_value());
  EXPECT_EQ((*follower)->leader, group.ids[1]);
  EXPECT_EQ((*follower)->members.size(), 2u);
}

TEST_F(JoinPhaseTest, AStaticGroupWhereNobodyRejoinsWaitsAnotherRebalanceTimeout) {
  auto group = form_group("g", {long_session(join_of("g", "", "a")), long_session(join_of("g", "", "b"))});
  // b leaves: a rebalance that a (static) never rejoins.
  coordinator_.leave_group("g", {{group.ids[1], "b"}});
  ASSERT_EQ(describe("g").group_state, "PreparingRebalance");
  advance(milliseconds(rebalance_ms));
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance") << "nobody to lead the next generation";
  auto a = join(long_session(join_of("g", group.ids[0], "a")));
  ASSERT_TRUE(a->has_value()) << "a's rejoin ends the join phase";
  EXPECT_EQ((*a)->generation_id, group.generation + 1);
}

TEST_F(JoinPhaseTest, ANewMemberParkedLongerThanTheNewMemberJoinTimeoutIsRemoved) {
  join_request slow = join_of("g");
  slow.session_timeout_ms = 1'000'000;
  slow.rebalance_timeout_ms = 1'000'000;
  const std::string old = form_group("g", {slow}).leader();
  auto newcomer = join(join_of("g"));  // the old member never rejoins, but its session lasts
  advance(milliseconds(new_member_join_timeout_ms - 1));
  EXPECT_FALSE(newcomer->has_value());
  advance(1ms);
  ASSERT_TRUE(newcomer->has_value());
  EXPECT_EQ((*newcomer)->error_code, error_code::unknown_member_id);
  EXPECT_EQ((*newcomer)->member_id, "");
  EXPECT_EQ(describe("g").members.size(), 1u);
  (void)old;
}

TEST_F(JoinPhaseTest, AMemberWhoseSessionExpiresDuringTheJoinPhaseIsRemovedAndTheJoinCompletes) {
  auto group = form_group("g", 2);
  auto leader = join(join_of("g", group.leader()));
  advance(milliseconds(session_ms));  // the follower never heartbeats nor rejoins
  ASSERT_TRUE(leader->has_value());
  EXPECT_EQ((*leader)->generation_id, group.generation + 1);
  EXPECT_EQ((*leader)->members.size(), 1u);
}

TEST_F(JoinPhaseTest, TheLastMemberLeavingDuringTheJoinPhaseEmptiesTheGroup) {
  auto group = form_group("g", 2);
  auto leader = join(join_of("g", group.leader()));
  coordinator_.leave_group("g", {{group.leader(), std::nullopt}});
  ASSERT_TRUE(leader->has_value());
  EXPECT_EQ((*leader)->error_code, error_code::unknown_member_id) << "its parked JoinGroup is answered as it leaves";
  coordinator_.leave_group("g", {{group.ids[1], std::nullopt}});
  EXPECT_EQ(describe("g").group_state, "Empty");
}

}  // namespace
}  // namespace kb::group::test
