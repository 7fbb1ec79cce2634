// SyncGroup (Kafka's GroupCoordinator.handleSyncGroup): followers wait for the leader's
// assignment to be stored, everyone gets their own, errors in every state, a failed store,
// and members that never sync (KAFKA-13766's DelayedSync).
#include "brokerd/group/group_metadata_record.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using std::chrono::milliseconds;
using bytes = std::vector<std::byte>;

class SyncGroupTest : public CoordinatorTest {
 protected:
  // Group "g" with two members in CompletingRebalance: `leader` and `follower`, in
  // `generation`. The requests default to join_of("g").
  void complete_two_member_join(join_request leader_request = {}, join_request follower_request = {}) {
    if (leader_request.group_id.empty()) leader_request = join_of("g");
    if (follower_request.group_id.empty()) follower_request = join_of("g");
    leader = (*join(leader_request))->member_id;
    auto f = join(follower_request);
    leader_request.member_id = leader;
    auto l = join(leader_request);
    ASSERT_TRUE(l->has_value() && f->has_value());
    follower = (*f)->member_id;
    generation = (*l)->generation_id;
    ASSERT_EQ(describe("g").group_state, "CompletingRebalance");
  }

  std::string leader, follower;
  int32_t generation = -1;
};

TEST_F(SyncGroupTest, AFollowerWaitsUntilTheLeadersAssignmentIsStored) {
  complete_two_member_join();
  log_.auto_complete = false;
  auto f = sync("g", generation, follower);
  EXPECT_FALSE(f->has_value()) << "no assignment yet";
  auto l = sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}}}});
  EXPECT_FALSE(l->has_value()) << "the assignment is being stored";
  EXPECT_FALSE(f->has_value());
  log_.complete();
  ASSERT_TRUE(l->has_value());
  ASSERT_TRUE(f->has_value());
  EXPECT_EQ(describe("g").group_state, "Stable");
}

TEST_F(SyncGroupTest, EachMemberGetsItsOwnAssignment) {
  complete_two_member_join();
  auto f = sync("g", generation, follower);
  auto l = sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}, std::byte{3}}}});
  ASSERT_TRUE(l->has_value() && f->has_value());
  EXPECT_EQ((*l)->error_code, error_code::none);
  EXPECT_EQ((*f)->error_code, error_code::none);
  EXPECT_EQ((*l)->assignment, bytes{std::byte{1}});
  EXPECT_EQ((*f)->assignment, (bytes{std::byte{2}, std::byte{3}}));
}

TEST_F(SyncGroupTest, TheStoredRecordCarriesEveryMembersAssignment) {
  complete_two_member_join();
  const size_t before = log_.appended.size();
  sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}}}});
  ASSERT_EQ(log_.appended.size(), before + 1);
  const auto& call = log_.appended.back();
  EXPECT_EQ(call.partition, coordinator_.partition_for("g"));
  ASSERT_EQ(call.records.size(), 1u);
  auto value = group_metadata_record::decode_value(*call.records[0].value);
  ASSERT_TRUE(value);
  EXPECT_EQ(value.value().generation, generation);
  EXPECT_EQ(value.value().leader, leader);
  EXPECT_EQ(value.value().protocol, "range");
  ASSERT_EQ(value.value().members.size(), 2u);
  for (const auto& m : value.value().members) {
    EXPECT_EQ(m.assignment, bytes{std::byte(m.member_id == leader ? 1 : 2)}) << m.member_id;
  }
}

TEST_F(SyncGroupTest, AMemberMissingFromTheLeadersAssignmentGetsAnEmptyOne) {
  complete_two_member_join();
  auto f = sync("g", generation, follower);
  auto l = sync("g", generation, leader, {{leader, {std::byte{1}}}});
  ASSERT_TRUE(f->has_value());
  EXPECT_EQ((*f)->error_code, error_code::none);
  EXPECT_TRUE((*f)->assignment.empty());
}

TEST_F(SyncGroupTest, SyncInAStableGroupReturnsTheStoredAssignmentAtOnce) {
  complete_two_member_join();
  sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}}}});
  const size_t appends = log_.appended.size();
  auto f = sync("g", generation, follower);
  ASSERT_TRUE(f->has_value());
  EXPECT_EQ((*f)->assignment, bytes{std::byte{2}});
  auto again = sync("g", generation, leader, {{leader, {std::byte{9}}}});
  EXPECT_EQ((*again)->assignment, bytes{std::byte{1}}) << "a Stable group ignores a new assignment";
  EXPECT_EQ(log_.appended.size(), appends) << "nothing stored again";
}

TEST_F(SyncGroupTest, AnotherGenerationIsIllegalGeneration) {
  complete_two_member_join();
  auto r = sync("g", generation + 1, follower);
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::illegal_generation);
  EXPECT_EQ((*sync("g", generation - 1, leader))->error_code, error_code::illegal_generation);
}

TEST_F(SyncGroupTest, SyncWhilePreparingRebalanceIsRebalanceInProgress) {
  auto group = form_group("g", 2);
  join(join_of("g", group.leader()));
  EXPECT_EQ((*sync("g", group.generation, group.ids[1]))->error_code, error_code::rebalance_in_progress);
}

TEST_F(SyncGroupTest, AnUnknownMemberOfAKnownGroupIsUnknownMemberId) {
  complete_two_member_join();
  EXPECT_EQ((*sync("g", generation, "stranger"))->error_code, error_code::unknown_member_id);
}

TEST_F(SyncGroupTest, SyncForAnUnknownGroupIsUnknownMemberId) {
  EXPECT_EQ((*sync("nobody", 1, "m"))->error_code, error_code::unknown_member_id);
}

TEST_F(SyncGroupTest, AnEmptyGroupIdIsInvalidGroupId) {
  EXPECT_EQ((*sync("", 1, "m"))->error_code, error_code::invalid_group_id);
}

TEST_F(SyncGroupTest, SyncForAGroupNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ((*sync("g", 1, "m"))->error_code, error_code::not_coordinator);
}

TEST_F(SyncGroupTest, SyncWhileTheGroupsPartitionLoadsIsRebalanceInProgress) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ((*sync("g", 1, "m"))->error_code, error_code::rebalance_in_progress);
}

TEST_F(SyncGroupTest, AFailedStoreAnswersEveryoneWithTheMappedErrorAndRebalances) {
  complete_two_member_join();
  log_.auto_complete = false;
  auto f = sync("g", generation, follower);
  auto l = sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}}}});
  log_.complete(error_code::not_leader_or_follower);
  ASSERT_TRUE(l->has_value() && f->has_value());
  EXPECT_EQ((*l)->error_code, error_code::not_coordinator);
  EXPECT_EQ((*f)->error_code, error_code::not_coordinator);
  EXPECT_TRUE((*f)->assignment.empty());
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
}

TEST_F(SyncGroupTest, AStoreThatTimesOutIsRebalanceInProgress) {
  complete_two_member_join();
  log_.next_outcome = error_code::request_timed_out;
  auto f = sync("g", generation, follower);
  auto l = sync("g", generation, leader, {{leader, {std::byte{1}}}});
  EXPECT_EQ((*l)->error_code, error_code::rebalance_in_progress);
  EXPECT_EQ((*f)->error_code, error_code::rebalance_in_progress);
}

TEST_F(SyncGroupTest, AStoreAnsweredAfterARebalanceBeganChangesNothing) {
  complete_two_member_join();
  log_.auto_complete = false;
  auto l = sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}}}});
  auto newcomer = join(join_of("g"));  // CompletingRebalance -> PreparingRebalance
  ASSERT_TRUE(l->has_value()) << "the rebalance answers the parked SyncGroup";
  EXPECT_EQ((*l)->error_code, error_code::rebalance_in_progress);
  log_.complete();
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
  (void)newcomer;
}

TEST_F(SyncGroupTest, AMemberThatNeverSyncsWithinTheRebalanceTimeoutIsRemovedAndTheGroupRebalances) {
  join_request long_session = join_of("g");
  long_session.session_timeout_ms = 100000;
  complete_two_member_join(long_session, long_session);
  sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}}}});
  ASSERT_EQ(describe("g").group_state, "Stable");
  advance(milliseconds(rebalance_ms - 1));
  EXPECT_EQ(describe("g").members.size(), 2u);
  advance(1ms);
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "PreparingRebalance");
  ASSERT_EQ(d.members.size(), 1u);
  EXPECT_EQ(d.members[0].member_id, leader);
}

TEST_F(SyncGroupTest, ALeaderThatNeverSyncsIsRemovedAndItsFollowerIsToldToRejoin) {
  join_request long_session = join_of("g");
  long_session.session_timeout_ms = 100000;
  complete_two_member_join(long_session, long_session);
  auto f = sync("g", generation, follower);
  advance(milliseconds(rebalance_ms));
  ASSERT_TRUE(f->has_value());
  EXPECT_EQ((*f)->error_code, error_code::rebalance_in_progress);
  EXPECT_EQ(describe("g").members.size(), 1u);
}

TEST_F(SyncGroupTest, NobodyIsRemovedWhenEveryMemberSynced) {
  join_request long_session = join_of("g");
  long_session.session_timeout_ms = 100000;
  complete_two_member_join(long_session, long_session);
  sync("g", generation, follower);
  sync("g", generation, leader, {{leader, {std::byte{1}}}});
  advance(milliseconds(rebalance_ms));
  EXPECT_EQ(describe("g").group_state, "Stable");
  EXPECT_EQ(describe("g").members.size(), 2u);
}

TEST_F(SyncGroupTest, AMemberWaitingForItsAssignmentOutlivesItsSession) {
  complete_two_member_join();
  log_.auto_complete = false;
  auto f = sync("g", generation, follower);
  auto l = sync("g", generation, leader, {{leader, {std::byte{1}}}, {follower, {std::byte{2}}}});
  advance(milliseconds(2 * session_ms));
  EXPECT_EQ(describe("g").members.size(), 2u);
  log_.complete();
  EXPECT_EQ((*f)->error_code, error_code::none);
  advance(milliseconds(session_ms - 1));
  EXPECT_EQ(describe("g").members.size(), 2u) << "the sessions restart when the assignment is handed out";
  advance(1ms);
  EXPECT_EQ(describe("g").group_state, "Empty");
}

}  // namespace
}  // namespace kb::group::test
