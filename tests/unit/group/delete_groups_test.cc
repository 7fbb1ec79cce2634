// DeleteGroups (Kafka's handleDeleteGroups and cleanupGroupMetadata): only Empty groups go,
// with tombstones for their offsets and, if they ever had a generation, their metadata.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using strings = std::vector<std::string>;

class DeleteGroupsTest : public CoordinatorTest {
 protected:
  // "g": had one member, committed t-0 and t-1, now Empty in generation 2.
  void empty_group_with_offsets() {
    const std::string id = join_alone("g");
    commit("g", id, 1, {{{"t", 0}, at(1)}, {{"t", 1}, at(2)}});
    coordinator_.leave_group("g", {{id, std::nullopt}});
    ASSERT_EQ(describe("g").group_state, "Empty");
  }
};

TEST_F(DeleteGroupsTest, DeletingAGroupWithMembersIsNonEmptyGroup) {
  join_alone("g");
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::non_empty_group);
  EXPECT_EQ(describe("g").group_state, "Stable");
}

TEST_F(DeleteGroupsTest, DeletingARebalancingGroupIsNonEmptyGroup) {
  (void)join(join_of("g"));  // CompletingRebalance
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::non_empty_group);
}

TEST_F(DeleteGroupsTest, DeletingAnUnknownGroupIsGroupIdNotFound) {
  EXPECT_EQ(coordinator_.delete_groups({"nobody"}).at("nobody"), error_code::group_id_not_found);
}

TEST_F(DeleteGroupsTest, TheEmptyGroupIdIsLookedUpLikeAnyOther) {
  EXPECT_EQ(coordinator_.delete_groups({""}).at(""), error_code::group_id_not_found);
}

TEST_F(DeleteGroupsTest, DeletingAGroupNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::not_coordinator);
}

TEST_F(DeleteGroupsTest, DeletingWhileTheGroupsPartitionLoadsIsCoordinatorLoadInProgress) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::coordinator_load_in_progress);
}

TEST_F(DeleteGroupsTest, DeletingAnEmptyGroupRemovesItAndItsOffsets) {
  empty_group_with_offsets();
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::none);
  EXPECT_EQ(describe("g").group_state, "Dead");
  EXPECT_TRUE(coordinator_.fetch_offsets("g", std::nullopt).second.empty());
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::group_id_not_found) << "it is gone";
}

TEST_F(DeleteGroupsTest, DeletingAGroupThatHadAGenerationWritesOffsetAndGroupTombstones) {
  empty_group_with_offsets();
  coordinator_.delete_groups({"g"});
  const auto& call = log_.appended.back();
  EXPECT_EQ(call.partition, coordinator_.partition_for("g"));
  EXPECT_EQ(records_of(call), (strings{"tombstone offset g t-0", "tombstone offset g t-1", "tombstone group g"}));
}

TEST_F(DeleteGroupsTest, DeletingAnOffsetsOnlyGroupWritesNoGroupTombstone) {
  commit("g", "", -1, {{{"t", 0}, at(1)}});
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::none);
  EXPECT_EQ(records_of(log_.appended.back()), strings{"tombstone offset g t-0"});
}

TEST_F(DeleteGroupsTest, EachGroupOfABatchGetsItsOwnAnswer) {
  empty_group_with_offsets();
  join_alone("busy");
  auto errors = coordinator_.delete_groups({"g", "busy", "nobody"});
  EXPECT_EQ(errors.at("g"), error_code::none);
  EXPECT_EQ(errors.at("busy"), error_code::non_empty_group);
  EXPECT_EQ(errors.at("nobody"), error_code::group_id_not_found);
}

TEST_F(DeleteGroupsTest, ADeletedGroupCanBeCreatedAgain) {
  empty_group_with_offsets();
  coordinator_.delete_groups({"g"});
  auto r = join(join_of("g"));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::none);
  EXPECT_EQ((*r)->generation_id, 1) << "a new group starts over";
}

}  // namespace
}  // namespace kb::group::test
