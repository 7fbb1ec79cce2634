// ListGroups (Kafka's handleListGroups): every group this coordinator holds, with its
// protocol type; COORDINATOR_LOAD_IN_PROGRESS (with what is loaded) while a partition loads.
#include <algorithm>

#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using listed = protocol::list_groups_response::listed_group;

class ListGroupsTest : public CoordinatorTest {
 protected:
  std::vector<listed> listed_sorted() {
    auto groups = coordinator_.list_groups().second;
    std::sort(groups.begin(), groups.end(),
              [](const listed& a, const listed& b) { return a.group_id < b.group_id; });
    return groups;
  }
};

TEST_F(ListGroupsTest, NoGroupsListsNothing) {
  auto [error, groups] = coordinator_.list_groups();
  EXPECT_EQ(error, error_code::none);
  EXPECT_TRUE(groups.empty());
}

TEST_F(ListGroupsTest, EveryGroupIsListedWithItsProtocolType) {
  form_group("stable", 1);
  commit("offsets-only", "", -1, {{{"t", 0}, at(1)}});
  auto rebalancing = form_group("rebalancing", 2);
  join(join_of("rebalancing", rebalancing.leader()));
  EXPECT_EQ(listed_sorted(),
            (std::vector<listed>{{"offsets-only", ""}, {"rebalancing", "consumer"}, {"stable", "consumer"}}));
}

TEST_F(ListGroupsTest, ADeletedGroupIsNotListed) {
  commit("g", "", -1, {{{"t", 0}, at(1)}});
  coordinator_.delete_groups({"g"});
  EXPECT_TRUE(coordinator_.list_groups().second.empty());
}

TEST_F(ListGroupsTest, GroupsOfAPartitionNoLongerLedAreNotListed) {
  commit("g", "", -1, {{{"t", 0}, at(1)}});
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  auto [error, groups] = coordinator_.list_groups();
  EXPECT_EQ(error, error_code::none);
  EXPECT_TRUE(groups.empty());
}

TEST_F(ListGroupsTest, WhileAPartitionLoadsItIsCoordinatorLoadInProgressWithTheGroupsLoaded) {
  commit("g", "", -1, {{{"t", 0}, at(1)}});
  commit("h", "", -1, {{{"t", 0}, at(1)}});
  ASSERT_NE(coordinator_.partition_for("g"), coordinator_.partition_for("h"));
  reload_partition_of("h", /*hold=*/true);
  auto [error, groups] = coordinator_.list_groups();
  EXPECT_EQ(error, error_code::coordinator_load_in_progress);
  EXPECT_EQ(groups, (std::vector<listed>{{"g", ""}}));
}

TEST_F(ListGroupsTest, BeforeStartupItIsCoordinatorNotAvailable) {
  group_coordinator idle(2, config_, store_, clock_, lease_);
  EXPECT_EQ(idle.list_groups().first, error_code::coordinator_not_available);
}

TEST_F(ListGroupsTest, AfterShutdownItIsCoordinatorNotAvailable) {
  coordinator_.shutdown();
  EXPECT_EQ(coordinator_.list_groups().first, error_code::coordinator_not_available);
}

}  // namespace
}  // namespace kb::group::test
