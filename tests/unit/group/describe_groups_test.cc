// DescribeGroups (Kafka's handleDescribeGroup and GroupMetadata.summary): state names,
// protocol data and member metadata only while Stable, an unknown group as Dead.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using bytes = std::vector<std::byte>;

class DescribeGroupsTest : public CoordinatorTest {};

TEST_F(DescribeGroupsTest, AnUnknownGroupIsDeadWithNoError) {
  auto d = describe("nobody");
  EXPECT_EQ(d.error_code, error_code::none);
  EXPECT_EQ(d.group_id, "nobody");
  EXPECT_EQ(d.group_state, "Dead");
  EXPECT_EQ(d.protocol_type, "");
  EXPECT_EQ(d.protocol_data, "");
  EXPECT_TRUE(d.members.empty());
}

TEST_F(DescribeGroupsTest, TheEmptyGroupIdMayBeDescribed) {
  auto d = describe("");
  EXPECT_EQ(d.error_code, error_code::none);
  EXPECT_EQ(d.group_state, "Dead");
}

TEST_F(DescribeGroupsTest, AStableGroupShowsItsProtocolAndEachMembersMetadataAndAssignment) {
  auto group = form_group("g", 2);
  auto d = describe("g");
  EXPECT_EQ(d.error_code, error_code::none);
  EXPECT_EQ(d.group_state, "Stable");
  EXPECT_EQ(d.protocol_type, "consumer");
  EXPECT_EQ(d.protocol_data, "range");
  ASSERT_EQ(d.members.size(), 2u);
  for (const auto& m : d.members) {
    EXPECT_EQ(m.client_id, "client");
    EXPECT_EQ(m.client_host, "/127.0.0.1");
    EXPECT_FALSE(m.group_instance_id);
    EXPECT_EQ(m.member_metadata, consumer_subscription({"t"}));
    EXPECT_EQ(m.member_assignment, bytes{std::byte(m.member_id == group.leader() ? 1 : 2)});
  }
}

TEST_F(DescribeGroupsTest, ARebalancingGroupShowsItsMembersWithoutMetadataOrAssignment) {
  auto group = form_group("g", 2);
  join(join_of("g", group.leader()));
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "PreparingRebalance");
  EXPECT_EQ(d.protocol_type, "consumer");
  EXPECT_EQ(d.protocol_data, "");
  ASSERT_EQ(d.members.size(), 2u);
  for (const auto& m : d.members) {
    EXPECT_EQ(m.client_id, "client");
    EXPECT_TRUE(m.member_metadata.empty());
    EXPECT_TRUE(m.member_assignment.empty());
  }
}

TEST_F(DescribeGroupsTest, AGroupAwaitingItsAssignmentIsCompletingRebalanceWithoutProtocolData) {
  (void)join(join_of("g"));
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "CompletingRebalance");
  EXPECT_EQ(d.protocol_data, "");
  ASSERT_EQ(d.members.size(), 1u);
  EXPECT_TRUE(d.members[0].member_metadata.empty());
}

TEST_F(DescribeGroupsTest, AStaticMemberShowsItsInstanceId) {
  form_group("g", {join_of("g", "", "instance")});
  auto d = describe("g");
  ASSERT_EQ(d.members.size(), 1u);
  EXPECT_EQ(d.members[0].group_instance_id, "instance");
}

TEST_F(DescribeGroupsTest, AnOffsetsOnlyGroupIsEmptyWithoutAProtocolType) {
  commit("g", "", -1, {{{"t", 0}, at(1)}});
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Empty");
  EXPECT_EQ(d.protocol_type, "");
  EXPECT_TRUE(d.members.empty());
}

TEST_F(DescribeGroupsTest, AGroupWhoseMembersLeftIsEmptyAndKeepsItsProtocolType) {
  const std::string id = join_alone("g");
  coordinator_.leave_group("g", {{id, std::nullopt}});
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Empty");
  EXPECT_EQ(d.protocol_type, "consumer");
  EXPECT_EQ(d.protocol_data, "");
}

TEST_F(DescribeGroupsTest, AGroupNotLedHereIsNotCoordinatorWithoutAState) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  auto d = describe("g");
  EXPECT_EQ(d.error_code, error_code::not_coordinator);
  EXPECT_EQ(d.group_state, "");
}

TEST_F(DescribeGroupsTest, AGroupWhosePartitionLoadsIsCoordinatorLoadInProgress) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ(describe("g").error_code, error_code::coordinator_load_in_progress);
}

TEST_F(DescribeGroupsTest, AfterShutdownItIsCoordinatorNotAvailable) {
  coordinator_.shutdown();
  EXPECT_EQ(describe("g").error_code, error_code::coordinator_not_available);
}

}  // namespace
}  // namespace kb::group::test
