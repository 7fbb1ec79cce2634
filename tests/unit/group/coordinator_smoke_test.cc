// The coordinator's happy path end to end over the fake log: one member, then two.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;

TEST_F(CoordinatorTest, ALoneMemberJoinsSyncsAndIsStable) {
  auto joined = join(join_of("g"));
  ASSERT_TRUE(joined->has_value());
  EXPECT_EQ((*joined)->error_code, error_code::none);
  EXPECT_EQ((*joined)->generation_id, 1);
  EXPECT_EQ((*joined)->protocol_name, "range");
  EXPECT_EQ((*joined)->leader, (*joined)->member_id);
  ASSERT_EQ((*joined)->members.size(), 1u);
  const std::string id = (*joined)->member_id;
  auto synced = sync("g", 1, id, {{id, {std::byte{7}}}});
  ASSERT_TRUE(synced->has_value());
  EXPECT_EQ((*synced)->error_code, error_code::none);
  EXPECT_EQ((*synced)->assignment, std::vector<std::byte>{std::byte{7}});
  EXPECT_EQ(coordinator_.describe_group("g").group_state, "Stable");
}

TEST_F(CoordinatorTest, ASecondMemberMakesTheGroupRebalanceAndBothGetTheirOwnAssignment) {
  const std::string first = join_alone("g");
  auto second = join(join_of("g"));
  EXPECT_FALSE(second->has_value()) << "parked until the first member rejoins";
  EXPECT_EQ(coordinator_.heartbeat("g", first, std::nullopt, 1), error_code::rebalance_in_progress);
  auto first_again = join(join_of("g", first));
  ASSERT_TRUE(first_again->has_value());
  ASSERT_TRUE(second->has_value());
  EXPECT_EQ((*first_again)->generation_id, 2);
  EXPECT_EQ((*first_again)->members.size(), 2u) << "the leader gets the member list";
  EXPECT_TRUE((*second)->members.empty()) << "a follower does not";
  const std::string second_id = (*second)->member_id;
  auto follower_sync = sync("g", 2, second_id);
  EXPECT_FALSE(follower_sync->has_value()) << "parked until the leader's assignment is stored";
  auto leader_sync = sync("g", 2, first, {{first, {std::byte{1}}}, {second_id, {std::byte{2}}}});
  ASSERT_TRUE(leader_sync->has_value());
  ASSERT_TRUE(follower_sync->has_value());
  EXPECT_EQ((*leader_sync)->assignment, std::vector<std::byte>{std::byte{1}});
  EXPECT_EQ((*follower_sync)->assignment, std::vector<std::byte>{std::byte{2}});
}

TEST_F(CoordinatorTest, AMemberThatStopsHeartbeatingIsRemovedAtItsSessionTimeout) {
  const std::string id = join_alone("g");
  advance(std::chrono::milliseconds(session_ms - 1));
  EXPECT_EQ(coordinator_.describe_group("g").members.size(), 1u);
  advance(1ms);
  EXPECT_EQ(coordinator_.describe_group("g").group_state, "Empty");
  EXPECT_EQ(coordinator_.heartbeat("g", id, std::nullopt, 1), error_code::unknown_member_id);
}

TEST_F(CoordinatorTest, CommittedOffsetsAreFetchedBack) {
  commit_request c{"g", "", std::nullopt, -1, {{{"t", 0}, {42, -1, "m", 0, std::nullopt}}}};
  std::optional<group_store::commit_errors> errors;
  coordinator_.commit_offsets(c, [&](group_store::commit_errors e) { errors = std::move(e); });
  ASSERT_TRUE(errors);
  EXPECT_EQ(errors->at({"t", 0}), error_code::none);
  auto [error, offsets] = coordinator_.fetch_offsets("g", std::nullopt);
  EXPECT_EQ(error, error_code::none);
  ASSERT_EQ(offsets.size(), 1u);
  EXPECT_EQ(offsets.at({"t", 0}).offset, 42);
  EXPECT_EQ(offsets.at({"t", 0}).metadata, "m");
}

}  // namespace
}  // namespace kb::group::test
