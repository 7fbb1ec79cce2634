// LeaveGroup (Kafka's GroupCoordinator.handleLeaveGroup): one member (v0-2) or a batch with
// an answer per member (v3+), by member id or, for administrators, by group instance id
// alone; pending members; and what the group does after.
#include "brokerd/group/group_metadata_record.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using identity = protocol::leave_group_request::member_identity;

class LeaveGroupTest : public CoordinatorTest {
 protected:
  leave_result leave(std::vector<identity> members, const std::string& group = "g") {
    return coordinator_.leave_group(group, members);
  }
};

TEST_F(LeaveGroupTest, ASingleMemberLeavingIsNone) {
  auto group = form_group("g", 2);
  leave_result r = leave({{group.ids[1], std::nullopt}});
  EXPECT_EQ(r.error, error_code::none);
  ASSERT_EQ(r.members.size(), 1u);
  EXPECT_EQ(r.members[0].member_id, group.ids[1]);
  EXPECT_EQ(r.members[0].error_code, error_code::none);
  EXPECT_EQ(coordinator_.heartbeat("g", group.ids[1], std::nullopt, group.generation), error_code::unknown_member_id);
}

TEST_F(LeaveGroupTest, AMemberLeavingAStableGroupStartsARebalance) {
  auto group = form_group("g", 2);
  leave({{group.ids[1], std::nullopt}});
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
  EXPECT_EQ(coordinator_.heartbeat("g", group.leader(), std::nullopt, group.generation),
            error_code::rebalance_in_progress);
}

TEST_F(LeaveGroupTest, TheLastMemberLeavingEmptiesTheGroupInANewGeneration) {
  const std::string id = join_alone("g");
  leave({{id, std::nullopt}});
  EXPECT_EQ(describe("g").group_state, "Empty");
  const auto& stored = log_.appended.back();
  auto value = group_metadata_record::decode_value(*stored.records[0].value);
  ASSERT_TRUE(value);
  EXPECT_EQ(value.value().generation, 2) << "the empty generation is stored";
  EXPECT_TRUE(value.value().members.empty());
}

TEST_F(LeaveGroupTest, AMemberLeavingWhileOthersAwaitTheirAssignmentTellsThemToRejoin) {
  auto leader_join = join(join_of("g"));
  const std::string leader = (*leader_join)->member_id;
  auto follower_join = join(join_of("g"));
  auto again = join(join_of("g", leader));
  const std::string follower = (*follower_join)->member_id;
  auto parked = sync("g", (*again)->generation_id, follower);
  leave({{leader, std::nullopt}});
  ASSERT_TRUE(parked->has_value());
  EXPECT_EQ((*parked)->error_code, error_code::rebalance_in_progress);
}

TEST_F(LeaveGroupTest, ABatchAnswersEachMemberOnItsOwn) {
  auto group = form_group("g", {join_of("g"), join_of("g", "", "instance")});
  leave_result r = leave({{group.leader(), std::nullopt},
                          {"stranger", std::nullopt},
                          {group.ids[1], "other-instance"},
                          {"", "unknown-instance"}});
  EXPECT_EQ(r.error, error_code::none);
  ASSERT_EQ(r.members.size(), 4u);
  EXPECT_EQ(r.members[0].error_code, error_code::none);
  EXPECT_EQ(r.members[1].error_code, error_code::unknown_member_id);
  EXPECT_EQ(r.members[2].error_code, error_code::unknown_member_id) << "no member has that instance id";
  EXPECT_EQ(r.members[3].error_code, error_code::unknown_member_id);
  EXPECT_EQ(r.members[3].group_instance_id, "unknown-instance");
  EXPECT_EQ(describe("g").members.size(), 1u) << "only the leader left";
}

TEST_F(LeaveGroupTest, AStaticMemberWithAnotherMembersIdIsFencedInstanceId) {
  auto group = form_group("g", {join_of("g", "", "a"), join_of("g", "", "b")});
  leave_result r = leave({{group.ids[0], "b"}});
  ASSERT_EQ(r.members.size(), 1u);
  EXPECT_EQ(r.members[0].error_code, error_code::fenced_instance_id);
  EXPECT_EQ(describe("g").members.size(), 2u);
}

TEST_F(LeaveGroupTest, AStaticMemberIsRemovedByItsInstanceIdAlone) {
  auto group = form_group("g", {join_of("g"), join_of("g", "", "instance")});
  leave_result r = leave({{"", "instance"}});
  ASSERT_EQ(r.members.size(), 1u);
  EXPECT_EQ(r.members[0].error_code, error_code::none);
  auto d = describe("g");
  ASSERT_EQ(d.members.size(), 1u);
  EXPECT_EQ(d.members[0].member_id, group.leader());
  EXPECT_EQ(d.group_state, "PreparingRebalance");
}

TEST_F(LeaveGroupTest, APendingMemberLeavesAndNoLongerHoldsTheJoinPhase) {
  const std::string leader = join_alone("g");
  const std::string pending = (*join(join_of("g", "", std::nullopt, true)))->member_id;
  auto leader_join = join(join_of("g", leader));
  ASSERT_FALSE(leader_join->has_value());
  leave_result r = leave({{pending, std::nullopt}});
  ASSERT_EQ(r.members.size(), 1u);
  EXPECT_EQ(r.members[0].error_code, error_code::none);
  ASSERT_TRUE(leader_join->has_value());
  EXPECT_EQ((*leader_join)->members.size(), 1u);
}

TEST_F(LeaveGroupTest, ANewMemberLeavingWhileParkedInJoinGroupIsAnsweredUnknownMemberId) {
  join_alone("g");
  auto s = join(join_of("g", "", "instance"));  // a new static member, parked
  ASSERT_FALSE(s->has_value());
  leave({{"", "instance"}});
  ASSERT_TRUE(s->has_value());
  EXPECT_EQ((*s)->error_code, error_code::unknown_member_id);
  EXPECT_EQ((*s)->member_id, "");
}

TEST_F(LeaveGroupTest, LeavingAnUnknownGroupAnswersEachMemberUnknownMemberId) {
  leave_result r = leave({{"a", std::nullopt}, {"b", std::nullopt}}, "nobody");
  EXPECT_EQ(r.error, error_code::none);
  ASSERT_EQ(r.members.size(), 2u);
  EXPECT_EQ(r.members[0].error_code, error_code::unknown_member_id);
  EXPECT_EQ(r.members[1].error_code, error_code::unknown_member_id);
}

TEST_F(LeaveGroupTest, LeavingAGroupNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  leave_result r = leave({{"a", std::nullopt}});
  EXPECT_EQ(r.error, error_code::not_coordinator);
  EXPECT_TRUE(r.members.empty());
}

TEST_F(LeaveGroupTest, LeavingWhileTheGroupsPartitionLoadsIsCoordinatorLoadInProgress) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ(leave({{"a", std::nullopt}}).error, error_code::coordinator_load_in_progress);
}

TEST_F(LeaveGroupTest, AnEmptyGroupIdIsInvalidGroupId) {
  EXPECT_EQ(leave({{"a", std::nullopt}}, "").error, error_code::invalid_group_id);
}

}  // namespace
}  // namespace kb::group::test
