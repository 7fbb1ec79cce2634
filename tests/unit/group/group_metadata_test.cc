// group_metadata's membership rules (Kafka's GroupMetadata): adding and removing members,
// leadership, static members, pending members, generations and the topics a consumer group
// subscribes to. The protocol vote is in group_protocol_test.cc, offsets in
// group_metadata_offsets_test.cc.
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "brokerd/group/group_metadata.h"
#include "tests/unit/group/member_builder.h"

namespace kb::group {
namespace {

using enum group_state;
using protocol::error_code;
using test::make_member;
using test::park;

class GroupMetadataTest : public ::testing::Test {
 protected:
  group_metadata g{"g", empty, 1000};
};

// --- adding and removing members ----------------------------------------------------------

TEST_F(GroupMetadataTest, TheFirstMemberSetsTheProtocolTypeAndBecomesLeader) {
  EXPECT_FALSE(g.protocol_type());
  g.add(make_member("a", {"range"}, std::nullopt, {"t"}, "connect"), nullptr);
  EXPECT_EQ(g.protocol_type(), "connect");
  EXPECT_EQ(g.leader(), "a");
  g.add(make_member("b", {"range"}, std::nullopt, {"t"}, "connect"), nullptr);
  EXPECT_EQ(g.leader(), "a") << "a later member does not take leadership";
  EXPECT_EQ(g.size(), 2u);
}

TEST_F(GroupMetadataTest, RemovingTheLeaderHandsLeadershipToARemainingMember) {
  g.add(make_member("a"), nullptr);
  g.add(make_member("b"), nullptr);
  g.remove("a");
  EXPECT_FALSE(g.has("a"));
  EXPECT_EQ(g.leader(), "b");
}

TEST_F(GroupMetadataTest, RemovingAFollowerKeepsTheLeader) {
  g.add(make_member("a"), nullptr);
  g.add(make_member("b"), nullptr);
  g.remove("b");
  EXPECT_EQ(g.leader(), "a");
}

TEST_F(GroupMetadataTest, RemovingTheLastMemberLeavesNoLeader) {
  g.add(make_member("a"), nullptr);
  g.remove("a");
  EXPECT_FALSE(g.leader());
  EXPECT_EQ(g.size(), 0u);
}

TEST_F(GroupMetadataTest, AStaticMemberIsMappedByItsInstanceIdUntilRemoved) {
  g.add(make_member("s-1", {"range"}, "instance"), nullptr);
  EXPECT_EQ(g.static_member_id("instance"), "s-1");
  EXPECT_FALSE(g.static_member_id("other"));
  g.remove("s-1");
  EXPECT_FALSE(g.static_member_id("instance"));
}

TEST_F(GroupMetadataTest, AMemberAddedWithACallbackAwaitsJoin) {
  std::optional<protocol::join_group_response> answer;
  g.add(make_member("a"), park(answer));
  g.add(make_member("b"), nullptr);
  EXPECT_TRUE(g.get("a").is_awaiting_join());
  EXPECT_FALSE(g.get("b").is_awaiting_join());
  EXPECT_EQ(g.awaiting_join_count(), 1u);
  g.remove("a");
  EXPECT_EQ(g.awaiting_join_count(), 0u);
  EXPECT_FALSE(answer) << "removing a member does not answer its parked JoinGroup";
}

TEST_F(GroupMetadataTest, HasAllMembersJoinedOnlyWhenEveryMemberAwaitsJoin) {
  std::optional<protocol::join_group_response> a, b;
  g.add(make_member("a"), park(a));
  EXPECT_TRUE(g.has_all_members_joined());
  g.add(make_member("b"), nullptr);
  EXPECT_FALSE(g.has_all_members_joined());
  EXPECT_EQ(g.not_yet_rejoined(), std::vector<std::string>{"b"});
  g.update_member(g.get("b"), g.get("b").protocols, 30000, 10000, park(b));
  EXPECT_TRUE(g.has_all_members_joined());
}

TEST_F(GroupMetadataTest, APendingMemberKeepsHasAllMembersJoinedFalse) {
  std::optional<protocol::join_group_response> a;
  g.add(make_member("a"), park(a));
  g.add_pending_member("p");
  EXPECT_TRUE(g.is_pending_member("p"));
  EXPECT_FALSE(g.has_all_members_joined());
}

TEST_F(GroupMetadataTest, APendingMemberThatJoinsIsNoLongerPending) {
  std::optional<protocol::join_group_response> a, p;
  g.add(make_member("a"), park(a));
  g.add_pending_member("p");
  g.add(make_member("p"), park(p));
  EXPECT_FALSE(g.is_pending_member("p"));
  EXPECT_EQ(g.pending_member_count(), 0u);
  EXPECT_TRUE(g.has_all_members_joined());
}

TEST_F(GroupMetadataTest, ARemovedPendingMemberNoLongerBlocksTheJoin) {
  std::optional<protocol::join_group_response> a;
  g.add(make_member("a"), park(a));
  g.add_pending_member("p");
  g.remove("p");
  EXPECT_FALSE(g.is_pending_member("p"));
  EXPECT_TRUE(g.has_all_members_joined());
}

TEST_F(GroupMetadataTest, RemovingAMemberDropsItsPendingSync) {
  g.add(make_member("a"), nullptr);
  g.add(make_member("b"), nullptr);
  g.add_pending_sync_member("a");
  g.add_pending_sync_member("b");
  g.remove("b");
  EXPECT_EQ(g.pending_sync_members(), std::set<std::string>{"a"});
}

TEST_F(GroupMetadataTest, TheRebalanceTimeoutIsTheLargestAmongTheMembers) {
  member a = make_member("a");
  a.rebalance_timeout_ms = 5000;
  member b = make_member("b");
  b.rebalance_timeout_ms = 7000;
  g.add(a, nullptr);
  g.add(b, nullptr);
  EXPECT_EQ(g.rebalance_timeout_ms(), 7000);
}

TEST(GroupMetadataDeathTest, TwoMembersWithOneInstanceIdAreAnInvariantViolation) {
  group_metadata g("g", empty, 0);
  g.add(make_member("s-1", {"range"}, "instance"), nullptr);
  EXPECT_DEATH(g.add(make_member("s-2", {"range"}, "instance"), nullptr), "already has static member instance");
}

TEST(GroupMetadataDeathTest, APendingMemberThatIsAlreadyAMemberIsAnInvariantViolation) {
  group_metadata g("g", empty, 0);
  g.add(make_member("a"), nullptr);
  EXPECT_DEATH(g.add_pending_member("a"), "already a member");
}

// --- answering parked requests ------------------------------------------------------------

TEST_F(GroupMetadataTest, MaybeInvokeJoinAnswersOnceAndStopsAwaiting) {
  std::optional<protocol::join_group_response> answer;
  g.add(make_member("a"), park(answer));
  protocol::join_group_response r;
  r.generation_id = 4;
  g.maybe_invoke_join(g.get("a"), r);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->generation_id, 4);
  EXPECT_FALSE(g.get("a").is_awaiting_join());
  EXPECT_EQ(g.awaiting_join_count(), 0u);
  answer.reset();
  g.maybe_invoke_join(g.get("a"), r);
  EXPECT_FALSE(answer) << "nothing is parked any more";
}

TEST_F(GroupMetadataTest, MaybeInvokeSyncReturnsWhetherAMemberWasWaiting) {
  g.add(make_member("a"), nullptr);
  EXPECT_FALSE(g.maybe_invoke_sync(g.get("a"), {}));
  std::optional<protocol::sync_group_response> answer;
  g.get("a").awaiting_sync = [&](protocol::sync_group_response r) { answer = std::move(r); };
  EXPECT_TRUE(g.maybe_invoke_sync(g.get("a"), sync_error(error_code::rebalance_in_progress)));
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->error_code, error_code::rebalance_in_progress);
  EXPECT_FALSE(g.get("a").is_awaiting_sync());
}
// --- static members (KIP-345) ---------------------------------------------------------------

TEST_F(GroupMetadataTest, ReplaceStaticMemberAnswersTheOldIdsParkedJoinWithFencedInstanceId) {
  std::optional<protocol::join_group_response> answer;
  g.add(make_member("s-old", {"range"}, "instance"), park(answer));
  g.replace_static_member("instance", "s-old", "s-new");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->error_code, error_code::fenced_instance_id);
  EXPECT_EQ(answer->member_id, "s-old");
  EXPECT_EQ(g.awaiting_join_count(), 0u);
  EXPECT_FALSE(g.get("s-new").is_awaiting_join());
}

TEST_F(GroupMetadataTest, ReplaceStaticMemberAnswersTheOldIdsParkedSyncWithFencedInstanceId) {
  g.add(make_member("s-old", {"range"}, "instance"), nullptr);
  std::optional<protocol::sync_group_response> answer;
  g.get("s-old").awaiting_sync = [&](protocol::sync_group_response r) { answer = std::move(r); };
  g.replace_static_member("instance", "s-old", "s-new");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->error_code, error_code::fenced_instance_id);
  EXPECT_FALSE(g.get("s-new").is_awaiting_sync());
}

TEST_F(GroupMetadataTest, ReplaceStaticMemberMovesTheMemberAndItsMappingToTheNewId) {
  member s = make_member("s-old", {"range", "roundrobin"}, "instance");
  s.assignment = {std::byte{9}};
  g.add(s, nullptr);
  member& replaced = g.replace_static_member("instance", "s-old", "s-new");
  EXPECT_EQ(replaced.id, "s-new");
  EXPECT_FALSE(g.has("s-old"));
  EXPECT_TRUE(g.has("s-new"));
  EXPECT_EQ(g.static_member_id("instance"), "s-new");
  EXPECT_EQ(replaced.assignment, std::vector<std::byte>{std::byte{9}});
  EXPECT_EQ(replaced.protocols, s.protocols);
  EXPECT_EQ(g.select_protocol(), "range") << "the protocol counts are unchanged";
}

TEST_F(GroupMetadataTest, ReplaceStaticMemberLeavesTheOldIdsPendingSyncPending) {
  g.add(make_member("s-old", {"range"}, "instance"), nullptr);
  g.add_pending_sync_member("s-old");
  g.replace_static_member("instance", "s-old", "s-new");
  EXPECT_EQ(g.pending_sync_members(), std::set<std::string>{"s-old"})
      << "as in Kafka: the member that had not synced is still awaited";
}

TEST_F(GroupMetadataTest, ReplacingTheStaticLeaderMakesTheNewIdLeader) {
  g.add(make_member("s-old", {"range"}, "instance"), nullptr);
  g.add(make_member("b"), nullptr);
  g.replace_static_member("instance", "s-old", "s-new");
  EXPECT_EQ(g.leader(), "s-new");
}

TEST_F(GroupMetadataTest, ReplacingAStaticFollowerKeepsTheLeader) {
  g.add(make_member("a"), nullptr);
  g.add(make_member("s-old", {"range"}, "instance"), nullptr);
  g.replace_static_member("instance", "s-old", "s-new");
  EXPECT_EQ(g.leader(), "a");
}

// --- leadership at the end of a join phase ----------------------------------------------------

TEST_F(GroupMetadataTest, ALeaderThatRejoinedStaysLeader) {
  std::optional<protocol::join_group_response> a, b;
  g.add(make_member("a"), park(a));
  g.add(make_member("b"), park(b));
  EXPECT_TRUE(g.maybe_elect_new_joined_leader());
  EXPECT_EQ(g.leader(), "a");
}

TEST_F(GroupMetadataTest, ALeaderThatDidNotRejoinIsReplacedByAMemberThatDid) {
  std::optional<protocol::join_group_response> b;
  g.add(make_member("a"), nullptr);
  g.add(make_member("b"), park(b));
  EXPECT_TRUE(g.maybe_elect_new_joined_leader());
  EXPECT_EQ(g.leader(), "b");
}

TEST_F(GroupMetadataTest, NoLeaderIsElectedWhenNobodyRejoined) {
  g.add(make_member("a"), nullptr);
  g.add(make_member("b"), nullptr);
  EXPECT_FALSE(g.maybe_elect_new_joined_leader());
  EXPECT_EQ(g.leader(), "a");
}

TEST_F(GroupMetadataTest, AGroupWithoutMembersElectsNoLeader) { EXPECT_FALSE(g.maybe_elect_new_joined_leader()); }

// --- generations ----------------------------------------------------------------------------

TEST_F(GroupMetadataTest, InitNextGenerationWithMembersMovesToCompletingRebalance) {
  g.add(make_member("a", {"roundrobin", "range"}), nullptr);
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  EXPECT_EQ(g.generation_id(), 1);
  EXPECT_EQ(g.protocol_name(), "roundrobin");
  EXPECT_TRUE(g.is(completing_rebalance));
  EXPECT_EQ(g.current_state_timestamp_ms(), 1002);
}

TEST_F(GroupMetadataTest, InitNextGenerationWithoutMembersMovesToEmptyAndClearsTheProtocol) {
  g.add(make_member("a"), nullptr);
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  g.remove("a");
  g.transition_to(preparing_rebalance, 1003);
  g.init_next_generation(1004);
  EXPECT_EQ(g.generation_id(), 2);
  EXPECT_FALSE(g.protocol_name());
  EXPECT_TRUE(g.is(empty));
  EXPECT_EQ(g.current_state_timestamp_ms(), 1004);
}

TEST_F(GroupMetadataTest, InitNextGenerationClearsPendingSyncMembers) {
  g.add(make_member("a"), nullptr);
  g.add_pending_sync_member("a");
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  EXPECT_TRUE(g.has_received_sync_from_all_members());
}

TEST_F(GroupMetadataTest, CurrentMemberMetadataHasEachMembersMetadataForTheChosenProtocol) {
  member a = make_member("a");
  a.protocols = {{"range", {std::byte{1}}}, {"roundrobin", {std::byte{2}}}};
  member s = make_member("s", {}, "instance");
  s.protocols = {{"roundrobin", {std::byte{3}}}, {"range", {std::byte{4}}}};
  g.add(a, nullptr);
  g.add(s, nullptr);
  g.add(make_member("c", {"roundrobin"}), nullptr);
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  ASSERT_EQ(g.protocol_name(), "roundrobin");
  auto members = g.current_member_metadata();
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].member_id, "a");
  EXPECT_EQ(members[0].metadata, std::vector<std::byte>{std::byte{2}});
  EXPECT_FALSE(members[0].group_instance_id);
  EXPECT_EQ(members[2].member_id, "s");
  EXPECT_EQ(members[2].metadata, std::vector<std::byte>{std::byte{3}});
  EXPECT_EQ(members[2].group_instance_id, "instance");
}

// --- subscriptions ---------------------------------------------------------------------------

TEST_F(GroupMetadataTest, AConsumerGroupSubscribesToTheUnionOfItsMembersTopics) {
  g.add(make_member("a", {"range"}, std::nullopt, {"t1"}), nullptr);
  g.add(make_member("b", {"range"}, std::nullopt, {"t2", "t3"}), nullptr);
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  EXPECT_EQ(g.subscribed_topics(), (std::set<std::string>{"t1", "t2", "t3"}));
  EXPECT_TRUE(g.is_subscribed_to("t2"));
  EXPECT_FALSE(g.is_subscribed_to("other"));
}

TEST_F(GroupMetadataTest, SubscriptionsAreUnknownUntilTheFirstGenerationPicksAProtocol) {
  g.add(make_member("a", {"range"}, std::nullopt, {"t1"}), nullptr);
  EXPECT_FALSE(g.subscribed_topics());
  EXPECT_TRUE(g.is_subscribed_to("anything"));
}

TEST_F(GroupMetadataTest, ANonConsumerGroupsSubscriptionsAreUnknown) {
  g.add(make_member("a", {"range"}, std::nullopt, {"t1"}, "connect"), nullptr);
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  EXPECT_FALSE(g.subscribed_topics());
  EXPECT_TRUE(g.is_subscribed_to("anything")) << "unknown counts as subscribed";
}

TEST_F(GroupMetadataTest, AnUnparsableSubscriptionMakesTheGroupsTopicsUnknown) {
  member a = make_member("a", {"range"}, std::nullopt, {"t1"});
  member b = make_member("b");
  b.protocols = {{"range", {std::byte{0}}}};  // not a ConsumerProtocolSubscription
  g.add(a, nullptr);
  g.add(b, nullptr);
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  EXPECT_FALSE(g.subscribed_topics());
  EXPECT_TRUE(g.is_subscribed_to("anything"));
}

TEST_F(GroupMetadataTest, AConsumerGroupLeftEmptySubscribesToNothing) {
  g.add(make_member("a", {"range"}, std::nullopt, {"t1"}), nullptr);
  g.transition_to(preparing_rebalance, 1001);
  g.init_next_generation(1002);
  g.remove("a");
  g.transition_to(preparing_rebalance, 1003);
  g.init_next_generation(1004);
  EXPECT_EQ(g.subscribed_topics(), std::set<std::string>{});
  EXPECT_FALSE(g.is_subscribed_to("t1"));
}

}  // namespace
}  // namespace kb::group
