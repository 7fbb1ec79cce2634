// The group coordinator while this broker's ZooKeeper session lease is lapsed (frozen past its
// session, cut off from ZooKeeper): it may no longer lead the group's __consumer_offsets
// partition, so it serves no group request and acts on no deadline; a deadline that passed
// during the lapse runs again in full once the lease is back.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

class LapsedLeaseTest : public CoordinatorTest {
 protected:
  error_code heartbeat(const std::string& member_id, int32_t generation) {
    return coordinator_.heartbeat("g", member_id, std::nullopt, generation);
  }
  // describe() is refused while lapsed: look with the lease held, without moving time.
  protocol::describe_groups_response::described_group look() {
    const bool held = lease_.held();
    lease_.set_held(true);
    auto d = describe("g");
    lease_.set_held(held);
    return d;
  }
};

TEST_F(LapsedLeaseTest, EveryGroupRequestIsNotCoordinator) {
  const std::string id = join_alone("g");
  lease_.set_held(false);
  EXPECT_EQ(heartbeat(id, 1), error_code::not_coordinator);
  EXPECT_EQ(coordinator_.fetch_offsets("g", std::nullopt).first, error_code::not_coordinator);
  EXPECT_EQ(coordinator_.list_groups().first, error_code::not_coordinator);
  EXPECT_EQ(coordinator_.delete_groups({"g"}).at("g"), error_code::not_coordinator);
  auto joined = join(join_of("g", id));
  ASSERT_TRUE(joined->has_value());
  EXPECT_EQ((*joined)->error_code, error_code::not_coordinator);
  lease_.set_held(true);
  EXPECT_EQ(heartbeat(id, 1), error_code::none);
}

TEST_F(LapsedLeaseTest, NoMemberExpiresWhileLapsed) {
  auto group = form_group("g", 2);
  lease_.set_held(false);
  advance(milliseconds(3 * session_ms));
  EXPECT_EQ(look().members.size(), 2u);
  EXPECT_EQ(look().group_state, "Stable");
}

TEST_F(LapsedLeaseTest, ASessionThatEndedDuringTheLapseRunsInFullFromTheLeasesReturn) {
  auto group = form_group("g", 2);
  lease_.set_held(false);
  advance(milliseconds(session_ms + 2000));  // both sessions' deadlines pass while lapsed
  lease_.set_held(true);
  advance(1000ms);  // the postponed deadlines see the lease back and restart in full
  EXPECT_EQ(heartbeat(group.leader(), group.generation), error_code::none);
  advance(milliseconds(session_ms - 1000));
  EXPECT_EQ(look().members.size(), 2u) << "the follower still has time: its session restarted at the lease's return";
  // The postponed deadline restarted within one lease recheck (500 ms) of the return, and
  // the leader's own deadline is 1000 ms after that return plus a session.
  advance(600ms);
  EXPECT_EQ(look().members.size(), 1u) << "the follower stayed silent for a whole session after the lapse";
}

TEST_F(LapsedLeaseTest, TheJoinPhaseDoesNotEndWhileLapsed) {
  auto group = form_group("g", 2);
  auto leader = join(join_of("g", group.leader()));  // parked until the rebalance timeout
  lease_.set_held(false);
  advance(milliseconds(rebalance_ms + session_ms));
  EXPECT_FALSE(leader->has_value());
  EXPECT_EQ(look().members.size(), 2u) << "the follower is not removed for not rejoining";
  lease_.set_held(true);
  advance(milliseconds(rebalance_ms + 1000));
  ASSERT_TRUE(leader->has_value());
  EXPECT_EQ((*leader)->members.size(), 1u) << "a whole rebalance timeout after the lapse, the follower is gone";
}

TEST_F(LapsedLeaseTest, TheSyncPhaseDoesNotEndWhileLapsed) {
  auto joined = join(join_of("g"));  // a lone member: its join completes at once
  ASSERT_TRUE(joined->has_value());
  ASSERT_EQ(look().group_state, "CompletingRebalance");
  lease_.set_held(false);
  advance(milliseconds(2 * rebalance_ms));
  EXPECT_EQ(look().group_state, "CompletingRebalance") << "no member removed for a missing SyncGroup";
  EXPECT_EQ(look().members.size(), 1u);
  lease_.set_held(true);
  advance(milliseconds(rebalance_ms + 1000));
  EXPECT_TRUE(look().members.empty()) << "a whole rebalance timeout after the lapse, still no SyncGroup";
}

}  // namespace
}  // namespace kb::group::test
