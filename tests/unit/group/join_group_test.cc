// JoinGroup (Kafka's GroupCoordinator.handleJoinGroup): every error it answers, member ids,
// KIP-394 pending members, and rejoins in each state. How a join phase waits and ends is in
// join_phase_test.cc.
#include <regex>

#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

class JoinGroupTest : public CoordinatorTest {};

// --- errors -------------------------------------------------------------------------------------

TEST_F(JoinGroupTest, AnEmptyGroupIdIsInvalidGroupId) {
  auto r = join(join_of("", "m"));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::invalid_group_id);
  EXPECT_EQ((*r)->member_id, "m");
  EXPECT_EQ((*r)->generation_id, -1);
}

TEST_F(JoinGroupTest, AProtocolNamedTwiceIsInconsistentGroupProtocol) {
  join_request r = join_of("g");
  r.protocols = protocols({"range", "roundrobin", "range"});
  auto answer = join(r);
  ASSERT_TRUE(answer->has_value());
  EXPECT_EQ((*answer)->error_code, error_code::inconsistent_group_protocol);
  EXPECT_EQ(coordinator_.describe_group("g").group_state, "Dead") << "nothing was created";
}

TEST_F(JoinGroupTest, ASessionTimeoutBelowTheGroupMinimumIsInvalidSessionTimeout) {
  join_request r = join_of("g");
  r.session_timeout_ms = config_.min_session_timeout_ms - 1;
  EXPECT_EQ((*join(r))->error_code, error_code::invalid_session_timeout);
  EXPECT_EQ(describe("g").group_state, "Dead") << "no group was created";
}

TEST_F(JoinGroupTest, ASessionTimeoutAboveTheGroupMaximumIsInvalidSessionTimeout) {
  join_request r = join_of("g");
  r.session_timeout_ms = config_.max_session_timeout_ms + 1;
  EXPECT_EQ((*join(r))->error_code, error_code::invalid_session_timeout);
}

TEST_F(JoinGroupTest, SessionTimeoutsAtTheBoundsAreAccepted) {
  join_request low = join_of("g1");
  low.session_timeout_ms = config_.min_session_timeout_ms;
  EXPECT_EQ((*join(low))->error_code, error_code::none);
  join_request high = join_of("g2");
  high.session_timeout_ms = config_.max_session_timeout_ms;
  EXPECT_EQ((*join(high))->error_code, error_code::none);
}

TEST_F(JoinGroupTest, AMemberIdForAnUnknownGroupIsUnknownMemberId) {
  auto r = join(join_of("g", "stale-member"));
  EXPECT_EQ((*r)->error_code, error_code::unknown_member_id);
  EXPECT_EQ((*r)->member_id, "stale-member");
  EXPECT_EQ(describe("g").group_state, "Dead") << "a known member id does not create a group";
}

TEST_F(JoinGroupTest, AnUnknownMemberIdOfAKnownGroupIsUnknownMemberId) {
  join_alone("g");
  EXPECT_EQ((*join(join_of("g", "not-a-member")))->error_code, error_code::unknown_member_id);
}

TEST_F(JoinGroupTest, AnotherProtocolTypeIsInconsistentGroupProtocol) {
  join_alone("g");
  join_request r = join_of("g");
  r.protocol_type = "connect";
  auto answer = join(r);
  EXPECT_EQ((*answer)->error_code, error_code::inconsistent_group_protocol);
  EXPECT_EQ((*answer)->member_id, "");
}

TEST_F(JoinGroupTest, NoProtocolInCommonWithTheMembersIsInconsistentGroupProtocol) {
  join_alone("g");
  join_request r = join_of("g");
  r.protocols = protocols({"roundrobin"});
  EXPECT_EQ((*join(r))->error_code, error_code::inconsistent_group_protocol);
  EXPECT_EQ(describe("g").group_state, "Stable") << "no rebalance";
}

TEST_F(JoinGroupTest, AKnownMemberRejoiningWithoutACommonProtocolIsInconsistentGroupProtocol) {
  auto group = form_group("g", 2);
  join_request r = join_of("g", group.ids[1]);
  r.protocols = protocols({"roundrobin"});
  auto answer = join(r);
  EXPECT_EQ((*answer)->error_code, error_code::inconsistent_group_protocol);
  EXPECT_EQ((*answer)->member_id, group.ids[1]);
}

TEST_F(JoinGroupTest, AnEmptyProtocolListIsInconsistentGroupProtocol) {
  join_request r = join_of("g");
  r.protocols.clear();
  EXPECT_EQ((*join(r))->error_code, error_code::inconsistent_group_protocol);
}

TEST_F(JoinGroupTest, AnEmptyProtocolTypeIsInconsistentGroupProtocol) {
  join_request r = join_of("g");
  r.protocol_type = "";
  EXPECT_EQ((*join(r))->error_code, error_code::inconsistent_group_protocol);
}

TEST_F(JoinGroupTest, AGroupWhosePartitionIsNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ((*join(join_of("g")))->error_code, error_code::not_coordinator);
}

TEST_F(JoinGroupTest, AGroupWhosePartitionIsLoadingIsCoordinatorLoadInProgress) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ((*join(join_of("g")))->error_code, error_code::coordinator_load_in_progress);
  log_.finish_reads();
  EXPECT_EQ((*join(join_of("g")))->error_code, error_code::none);
}

TEST_F(JoinGroupTest, BeforeStartupItIsCoordinatorNotAvailable) {
  group_coordinator idle(2, config_, store_, clock_, lease_);
  answer_slot<protocol::join_group_response> r = std::make_shared<std::optional<protocol::join_group_response>>();
  idle.join_group(join_of("g"), [r](protocol::join_group_response a) { *r = std::move(a); });
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::coordinator_not_available);
}

TEST_F(JoinGroupTest, AfterShutdownItIsCoordinatorNotAvailable) {
  coordinator_.shutdown();
  EXPECT_EQ((*join(join_of("g")))->error_code, error_code::coordinator_not_available);
}

TEST_F(JoinGroupTest, ANewMemberOfAFullStableGroupIsGroupMaxSizeReached) {
  config_.max_size = 1;
  join_alone("g");
  auto r = join(join_of("g"));
  EXPECT_EQ((*r)->error_code, error_code::group_max_size_reached);
  EXPECT_EQ((*r)->member_id, "");
  EXPECT_EQ(describe("g").group_state, "Stable");
  EXPECT_EQ(describe("g").members.size(), 1u);
}

TEST_F(JoinGroupTest, ANewMemberBeyondTheMaximumDuringARebalanceIsGroupMaxSizeReached) {
  config_.max_size = 2;
  auto group = form_group("g", 2);
  join(join_of("g", group.leader()));  // a rebalance: one member rejoined
  auto second = join(join_of("g"));
  EXPECT_FALSE(second->has_value()) << "two members rejoining: within the maximum";
  auto third = join(join_of("g"));
  ASSERT_TRUE(third->has_value());
  EXPECT_EQ((*third)->error_code, error_code::group_max_size_reached);
  EXPECT_EQ((*third)->member_id, "");
}

TEST_F(JoinGroupTest, AMemberAlreadyRejoiningIsAcceptedAtGroupMaxSize) {
  config_.max_size = 2;
  auto group = form_group("g", 2);
  join(join_of("g", group.leader()));
  join(join_of("g"));  // two members now await the join phase's end
  auto leader_again = join(join_of("g", group.leader()));
  EXPECT_FALSE(leader_again->has_value()) << "parked like any rejoin, not refused";
  EXPECT_EQ(describe("g").members.size(), 3u);
}

TEST_F(JoinGroupTest, AMemberRejoiningAfterTheGroupFilledUpIsRemovedWithGroupMaxSizeReached) {
  config_.max_size = 2;
  auto group = form_group("g", 2);
  auto leader = join(join_of("g", group.leader()));
  auto newcomer = join(join_of("g"));
  auto follower = join(join_of("g", group.ids[1]));
  ASSERT_TRUE(follower->has_value());
  EXPECT_EQ((*follower)->error_code, error_code::group_max_size_reached);
  EXPECT_EQ((*follower)->member_id, "");
  ASSERT_TRUE(leader->has_value()) << "without the follower, everyone has rejoined";
  EXPECT_EQ((*leader)->members.size(), 2u);
  EXPECT_TRUE(newcomer->has_value());
  EXPECT_EQ(coordinator_.heartbeat("g", group.ids[1], std::nullopt, (*leader)->generation_id),
            error_code::unknown_member_id);
}

// --- member ids ------------------------------------------------------------------------------------

TEST_F(JoinGroupTest, ANewMemberIdIsTheClientIdAndARandomUuid) {
  join_request r = join_of("g");
  r.client_id = "my-client";
  const std::string id = (*join(r))->member_id;
  const std::regex uuid_v4("my-client-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(id, uuid_v4)) << id;
}

TEST_F(JoinGroupTest, TwoNewMembersGetDifferentIds) {
  auto group = form_group("g", 2);
  EXPECT_NE(group.ids[0], group.ids[1]);
}

// --- KIP-394: a new dynamic member must rejoin with the id it is given -------------------------------

TEST_F(JoinGroupTest, RequireKnownMemberIdAnswersMemberIdRequiredWithANewId) {
  auto r = join(join_of("g", "", std::nullopt, /*require_known=*/true));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::member_id_required);
  EXPECT_EQ((*r)->member_id.rfind("client-", 0), 0u) << (*r)->member_id;
  EXPECT_EQ(describe("g").group_state, "Empty") << "a pending member is not a member";
}

TEST_F(JoinGroupTest, APendingMemberRejoiningWithItsIdJoinsTheGroup) {
  const std::string id = (*join(join_of("g", "", std::nullopt, true)))->member_id;
  auto r = join(join_of("g", id, std::nullopt, true));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::none);
  EXPECT_EQ((*r)->member_id, id);
  EXPECT_EQ((*r)->generation_id, 1);
  EXPECT_EQ((*r)->leader, id);
}

TEST_F(JoinGroupTest, APendingMemberHoldsTheJoinPhaseUntilItRejoins) {
  const std::string leader = join_alone("g");
  const std::string pending = (*join(join_of("g", "", std::nullopt, true)))->member_id;
  auto leader_join = join(join_of("g", leader));
  EXPECT_FALSE(leader_join->has_value()) << "waiting for the pending member";
  auto pending_join = join(join_of("g", pending, std::nullopt, true));
  ASSERT_TRUE(leader_join->has_value());
  ASSERT_TRUE(pending_join->has_value());
  EXPECT_EQ((*leader_join)->generation_id, 2);
  EXPECT_EQ((*leader_join)->members.size(), 2u);
}

TEST_F(JoinGroupTest, APendingMemberIsDroppedAtItsSessionTimeout) {
  const std::string leader = join_alone("g");
  const std::string pending = (*join(join_of("g", "", std::nullopt, true)))->member_id;
  auto leader_join = join(join_of("g", leader));
  advance(milliseconds(session_ms - 1));
  EXPECT_FALSE(leader_join->has_value());
  advance(1ms);
  ASSERT_TRUE(leader_join->has_value()) << "the pending member no longer holds the join phase";
  EXPECT_EQ((*leader_join)->generation_id, 2);
  EXPECT_EQ((*leader_join)->members.size(), 1u);
  EXPECT_EQ((*join(join_of("g", pending, std::nullopt, true)))->error_code, error_code::unknown_member_id);
}

// --- rejoins ---------------------------------------------------------------------------------------

TEST_F(JoinGroupTest, ARejoinInCompletingRebalanceWithTheSameMetadataGetsTheCurrentGeneration) {
  auto first = join(join_of("g"));
  const std::string id = (*first)->member_id;
  auto again = join(join_of("g", id));
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ((*again)->error_code, error_code::none);
  EXPECT_EQ((*again)->generation_id, 1);
  EXPECT_EQ((*again)->leader, id);
  EXPECT_EQ((*again)->members.size(), 1u) << "the leader gets the members again";
  EXPECT_EQ(describe("g").group_state, "CompletingRebalance");
}

TEST_F(JoinGroupTest, ARejoinInCompletingRebalanceWithOtherMetadataStartsARebalance) {
  auto group = form_group("g", 2);
  const std::string leader = group.leader();
  auto follower = group.ids[1];
  auto l = join(join_of("g", leader));  // Stable -> PreparingRebalance
  auto f = join(join_of("g", follower));
  ASSERT_TRUE(l->has_value() && f->has_value());
  ASSERT_EQ(describe("g").group_state, "CompletingRebalance");
  join_request changed = join_of("g", follower);
  changed.protocols = protocols({"range"}, {"t", "u"});
  auto again = join(changed);
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
}

TEST_F(JoinGroupTest, TheLeaderRejoiningAStableGroupForcesARebalance) {
  auto group = form_group("g", 2);
  auto r = join(join_of("g", group.leader()));
  EXPECT_FALSE(r->has_value()) << "parked until the follower rejoins";
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
  auto follower = join(join_of("g", group.ids[1]));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->generation_id, group.generation + 1);
}

TEST_F(JoinGroupTest, AFollowerRejoiningAStableGroupWithTheSameMetadataGetsTheCurrentGeneration) {
  auto group = form_group("g", 2);
  auto r = join(join_of("g", group.ids[1]));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::none);
  EXPECT_EQ((*r)->generation_id, group.generation);
  EXPECT_EQ((*r)->leader, group.leader());
  EXPECT_EQ((*r)->protocol_name, "range");
  EXPECT_TRUE((*r)->members.empty());
  EXPECT_EQ(describe("g").group_state, "Stable") << "no rebalance";
}

TEST_F(JoinGroupTest, AFollowerRejoiningAStableGroupWithOtherMetadataForcesARebalance) {
  auto group = form_group("g", 2);
  join_request changed = join_of("g", group.ids[1]);
  changed.protocols = protocols({"range"}, {"t", "u"});
  EXPECT_FALSE(join(changed)->has_value());
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
}

TEST_F(JoinGroupTest, TheGenerationGrowsByOneWithEachRebalance) {
  const std::string id = join_alone("g");
  for (int32_t expected = 2; expected <= 4; ++expected) {
    auto r = join(join_of("g", id));
    ASSERT_TRUE(r->has_value());
    EXPECT_EQ((*r)->generation_id, expected);
    sync("g", expected, id, {{id, {}}});
  }
}

}  // namespace
}  // namespace kb::group::test
