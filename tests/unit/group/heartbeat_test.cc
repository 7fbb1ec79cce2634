// Heartbeat and member sessions (Kafka's GroupCoordinator.handleHeartbeat and
// DelayedHeartbeat): exact session expiry, what keeps a session alive, and every error.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

class HeartbeatTest : public CoordinatorTest {
 protected:
  error_code heartbeat(const std::string& member_id, int32_t generation,
                       std::optional<std::string> instance = std::nullopt, const std::string& group = "g") {
    return coordinator_.heartbeat(group, member_id, instance, generation);
  }
};

TEST_F(HeartbeatTest, AHeartbeatOfAStableMemberIsNone) {
  const std::string id = join_alone("g");
  EXPECT_EQ(heartbeat(id, 1), error_code::none);
}

TEST_F(HeartbeatTest, AMemberIsRemovedExactlyAtItsSessionTimeout) {
  auto group = form_group("g", 2);
  advance(milliseconds(session_ms - 1));
  EXPECT_EQ(describe("g").members.size(), 2u);
  EXPECT_EQ(heartbeat(group.leader(), group.generation), error_code::none);
  advance(1ms);
  EXPECT_EQ(describe("g").members.size(), 1u) << "the follower, silent for a whole session, is gone";
  EXPECT_EQ(heartbeat(group.ids[1], group.generation), error_code::unknown_member_id);
}

TEST_F(HeartbeatTest, EachHeartbeatRestartsTheSession) {
  const std::string id = join_alone("g");
  advance(9000ms);
  EXPECT_EQ(heartbeat(id, 1), error_code::none);
  advance(milliseconds(session_ms - 1));  // t = 18999
  EXPECT_EQ(describe("g").group_state, "Stable");
  advance(1ms);
  EXPECT_EQ(describe("g").group_state, "Empty");
}

TEST_F(HeartbeatTest, TheLastMemberExpiringEmptiesTheGroup) {
  join_alone("g");
  advance(milliseconds(session_ms));
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Empty");
  EXPECT_TRUE(d.members.empty());
}

TEST_F(HeartbeatTest, AMemberExpiringFromAStableGroupStartsARebalance) {
  auto group = form_group("g", 2);
  advance(9000ms);
  heartbeat(group.leader(), group.generation);
  advance(1000ms);
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
  EXPECT_EQ(heartbeat(group.leader(), group.generation), error_code::rebalance_in_progress);
}

TEST_F(HeartbeatTest, AHeartbeatWhilePreparingRebalanceIsRebalanceInProgress) {
  auto group = form_group("g", 2);
  join(join_of("g", group.leader()));
  EXPECT_EQ(heartbeat(group.ids[1], group.generation), error_code::rebalance_in_progress);
}

TEST_F(HeartbeatTest, AHeartbeatWhilePreparingRebalanceKeepsTheSessionAlive) {
  auto group = form_group("g", 2);
  auto leader = join(join_of("g", group.leader()));
  advance(9000ms);
  EXPECT_EQ(heartbeat(group.ids[1], group.generation), error_code::rebalance_in_progress);
  advance(9999ms);  // t = 18999: past the session that began at 0
  EXPECT_FALSE(leader->has_value()) << "the follower is still a member the join phase waits for";
  EXPECT_EQ(describe("g").members.size(), 2u);
  advance(1ms);  // t = 19000: a session after its heartbeat
  ASSERT_TRUE(leader->has_value());
  EXPECT_EQ((*leader)->members.size(), 1u);
}

TEST_F(HeartbeatTest, AHeartbeatInCompletingRebalanceIsNoneAndKeepsTheSessionAlive) {
  auto first = join(join_of("g"));
  const std::string id = (*first)->member_id;
  advance(9000ms);
  EXPECT_EQ(heartbeat(id, 1), error_code::none);
  advance(9999ms);
  EXPECT_EQ(describe("g").group_state, "CompletingRebalance");
}

TEST_F(HeartbeatTest, AnotherGenerationIsIllegalGeneration) {
  const std::string id = join_alone("g");
  EXPECT_EQ(heartbeat(id, 2), error_code::illegal_generation);
  EXPECT_EQ(heartbeat(id, 0), error_code::illegal_generation);
}

TEST_F(HeartbeatTest, AnIllegalGenerationHeartbeatDoesNotKeepTheSessionAlive) {
  const std::string id = join_alone("g");
  advance(9000ms);
  heartbeat(id, 2);
  advance(1000ms);
  EXPECT_EQ(describe("g").group_state, "Empty");
}

TEST_F(HeartbeatTest, AnUnknownMemberOfAKnownGroupIsUnknownMemberId) {
  join_alone("g");
  EXPECT_EQ(heartbeat("stranger", 1), error_code::unknown_member_id);
}

TEST_F(HeartbeatTest, AHeartbeatForAnUnknownGroupIsUnknownMemberId) {
  EXPECT_EQ(heartbeat("m", 1, std::nullopt, "nobody"), error_code::unknown_member_id);
}

TEST_F(HeartbeatTest, AHeartbeatToAnEmptyGroupIsUnknownMemberId) {
  const std::string id = join_alone("g");
  coordinator_.leave_group("g", {{id, std::nullopt}});
  ASSERT_EQ(describe("g").group_state, "Empty");
  EXPECT_EQ(heartbeat(id, 1), error_code::unknown_member_id);
}

TEST_F(HeartbeatTest, AnEmptyGroupIdIsInvalidGroupId) {
  EXPECT_EQ(heartbeat("m", 1, std::nullopt, ""), error_code::invalid_group_id);
}

TEST_F(HeartbeatTest, AHeartbeatForAGroupNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ(heartbeat("m", 1), error_code::not_coordinator);
}

TEST_F(HeartbeatTest, AHeartbeatWhileTheGroupsPartitionLoadsIsNone) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ(heartbeat("anyone", 7), error_code::none);
}

TEST_F(HeartbeatTest, AHeartbeatAfterShutdownIsCoordinatorNotAvailable) {
  coordinator_.shutdown();
  EXPECT_EQ(heartbeat("m", 1), error_code::coordinator_not_available);
}

TEST_F(HeartbeatTest, AMemberParkedInJoinGroupIsNotExpired) {
  auto group = form_group("g", 2);
  auto leader = join(join_of("g", group.leader()));  // parked until the rebalance timeout
  for (auto at : {9000ms, 18000ms, 27000ms}) {
    advance_to(at);
    EXPECT_EQ(heartbeat(group.ids[1], group.generation), error_code::rebalance_in_progress);
  }
  EXPECT_FALSE(leader->has_value());
  EXPECT_EQ(describe("g").members.size(), 2u) << "the leader, silent for 2.7 sessions but parked, is kept";
  advance_to(milliseconds(rebalance_ms));
  ASSERT_TRUE(leader->has_value());
  ASSERT_EQ((*leader)->members.size(), 1u) << "the follower never rejoined";
  EXPECT_EQ((*leader)->members[0].member_id, group.leader());
}

}  // namespace
}  // namespace kb::group::test
