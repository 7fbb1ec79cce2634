// Static membership (KIP-345, Kafka's updateStaticMemberAndRebalance): a member with a group
// instance id that restarts (joins with no member id) takes its old place, in Stable without
// a rebalance; its old member id is fenced; a failed store puts the old id back.
#include <algorithm>

#include "brokerd/group/group_metadata_record.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using bytes = std::vector<std::byte>;

class StaticMembershipTest : public CoordinatorTest {
 protected:
  // A Stable group: a dynamic leader and the static member "s" (assignment {2}).
  void form() {
    group = form_group("g", {join_of("g"), join_of("g", "", "s")});
    old_id = group.ids[1];
  }
  answer_slot<protocol::join_group_response> restart(const std::string& instance = "s") {
    return join(join_of("g", "", instance));
  }

  formed_group group;
  std::string old_id;
};

TEST_F(StaticMembershipTest, ARestartedStaticMemberGetsANewIdInTheSameGenerationWithoutARebalance) {
  form();
  auto r = restart();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::none);
  EXPECT_NE((*r)->member_id, old_id);
  EXPECT_EQ((*r)->member_id.rfind("s-", 0), 0u) << "a static member's id starts with its instance id";
  EXPECT_EQ((*r)->generation_id, group.generation);
  EXPECT_EQ((*r)->leader, group.leader());
  EXPECT_EQ((*r)->protocol_name, "range");
  EXPECT_TRUE((*r)->members.empty());
  EXPECT_EQ(describe("g").group_state, "Stable");
}

TEST_F(StaticMembershipTest, ARestartedStaticMemberSyncsToItsOldAssignment) {
  form();
  const std::string new_id = (*restart())->member_id;
  auto s = sync("g", group.generation, new_id, {}, "s");
  ASSERT_TRUE(s->has_value());
  EXPECT_EQ((*s)->error_code, error_code::none);
  EXPECT_EQ((*s)->assignment, bytes{std::byte{2}});
}

TEST_F(StaticMembershipTest, ARestartedStaticLeaderIsToldTheOldLeaderIdSoItDoesNotAssign) {
  group = form_group("g", {join_of("g", "", "s"), join_of("g")});
  auto r = restart();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->leader, group.leader()) << "the old id";
  EXPECT_NE((*r)->member_id, (*r)->leader);
  EXPECT_TRUE((*r)->members.empty());
  auto s = sync("g", group.generation, (*r)->member_id, {{(*r)->member_id, {std::byte{7}}}}, "s");
  EXPECT_EQ((*s)->assignment, bytes{std::byte{1}}) << "a Stable group hands out the stored assignment";
}

TEST_F(StaticMembershipTest, TheRestartedMembersNewIdIsStored) {
  form();
  const std::string new_id = (*restart())->member_id;
  const auto& call = log_.appended.back();
  auto value = group_metadata_record::decode_value(*call.records[0].value);
  ASSERT_TRUE(value);
  EXPECT_EQ(value.value().generation, group.generation);
  std::vector<std::string> ids;
  for (const auto& m : value.value().members) {
    ids.push_back(m.member_id);
    if (m.member_id == new_id) {
      EXPECT_EQ(m.assignment, bytes{std::byte{2}});
    }
  }
  EXPECT_NE(std::find(ids.begin(), ids.end(), new_id), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), old_id), ids.end());
}

TEST_F(StaticMembershipTest, TheReplacedIdIsFencedOnHeartbeat) {
  form();
  restart();
  EXPECT_EQ(coordinator_.heartbeat("g", old_id, "s", group.generation), error_code::fenced_instance_id);
}

TEST_F(StaticMembershipTest, TheReplacedIdIsFencedOnSyncGroup) {
  form();
  restart();
  EXPECT_EQ((*sync("g", group.generation, old_id, {}, "s"))->error_code, error_code::fenced_instance_id);
}

TEST_F(StaticMembershipTest, TheReplacedIdIsFencedOnJoinGroup) {
  form();
  restart();
  EXPECT_EQ((*join(join_of("g", old_id, "s")))->error_code, error_code::fenced_instance_id);
}

TEST_F(StaticMembershipTest, TheReplacedIdIsFencedOnOffsetCommit) {
  form();
  restart();
  auto c = commit("g", old_id, group.generation, {{{"t", 0}, at(1)}}, "s");
  EXPECT_EQ((*c)->at({"t", 0}), error_code::fenced_instance_id);
}

TEST_F(StaticMembershipTest, TheReplacedIdWithoutItsInstanceIdIsUnknownMemberId) {
  form();
  restart();
  EXPECT_EQ(coordinator_.heartbeat("g", old_id, std::nullopt, group.generation), error_code::unknown_member_id);
}

TEST_F(StaticMembershipTest, TheOldIdsSessionEndsWithoutRemovingTheRestartedMember) {
  form();
  advance(5000ms);
  const std::string new_id = (*restart())->member_id;
  advance(4000ms);
  coordinator_.heartbeat("g", group.leader(), std::nullopt, group.generation);
  advance(1000ms);  // t = 10000: the old id's session ends
  EXPECT_EQ(describe("g").group_state, "Stable");
  EXPECT_EQ(coordinator_.heartbeat("g", new_id, "s", group.generation), error_code::none);
}

TEST_F(StaticMembershipTest, AStaticRestartIsAnsweredOnlyOnceItsNewIdIsStored) {
  form();
  log_.auto_complete = false;
  auto r = restart();
  EXPECT_FALSE(r->has_value());
  log_.complete();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::none);
}

TEST_F(StaticMembershipTest, AFailedStoreRevertsToTheOldId) {
  form();
  log_.next_outcome = error_code::not_leader_or_follower;
  auto r = restart();
  log_.next_outcome = error_code::none;
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::not_coordinator);
  EXPECT_EQ((*r)->member_id, "");
  EXPECT_EQ((*r)->generation_id, group.generation);
  EXPECT_EQ((*r)->leader, group.leader());
  EXPECT_EQ(coordinator_.heartbeat("g", old_id, "s", group.generation), error_code::none);
  std::vector<std::string> ids;
  for (const auto& m : describe("g").members) ids.push_back(m.member_id);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> expected{group.leader(), old_id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected);
}

TEST_F(StaticMembershipTest, AFailedStoreRestoresTheOldSubscription) {
  // As Kafka's newer (Java) coordinator does; the Scala one kept the new protocols.
  form();
  join_request changed = join_of("g", "", "s");
  changed.protocols = protocols({"range"}, {"t", "u"});
  log_.next_outcome = error_code::not_leader_or_follower;
  join(changed);
  log_.next_outcome = error_code::none;
  for (const auto& m : describe("g").members) {
    EXPECT_EQ(m.member_metadata, consumer_subscription({"t"})) << m.member_id;
  }
}

TEST_F(StaticMembershipTest, AFailedStoreRestoresTheOldIdsSession) {
  form();
  advance(9000ms);
  coordinator_.heartbeat("g", group.leader(), std::nullopt, group.generation);
  log_.next_outcome = error_code::not_leader_or_follower;
  restart();
  log_.next_outcome = error_code::none;
  advance(1000ms);  // t = 10000: the session the old id had before the restart would end now
  EXPECT_EQ(coordinator_.heartbeat("g", old_id, "s", group.generation), error_code::none)
      << "the old id got a fresh session when it was put back";
}

TEST_F(StaticMembershipTest, AStaticRestartInCompletingRebalanceTriggersARebalance) {
  const std::string leader = (*join(join_of("g")))->member_id;
  auto s = join(join_of("g", "", "s"));
  auto l = join(join_of("g", leader));
  ASSERT_TRUE(s->has_value() && l->has_value());
  ASSERT_EQ(describe("g").group_state, "CompletingRebalance");
  auto r = restart();
  EXPECT_FALSE(r->has_value()) << "parked for the new join phase";
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
  auto l2 = join(join_of("g", leader));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->generation_id, (*l)->generation_id + 1);
  EXPECT_NE((*r)->member_id, (*s)->member_id);
}

TEST_F(StaticMembershipTest, AStaticRestartInCompletingRebalanceAnswersTheOldIdsParkedSyncFencedInstanceId) {
  const std::string leader = (*join(join_of("g")))->member_id;
  auto s = join(join_of("g", "", "s"));
  auto l = join(join_of("g", leader));
  auto parked = sync("g", (*l)->generation_id, (*s)->member_id, {}, "s");
  ASSERT_FALSE(parked->has_value());
  restart();
  ASSERT_TRUE(parked->has_value());
  EXPECT_EQ((*parked)->error_code, error_code::fenced_instance_id);
}

TEST_F(StaticMembershipTest, AStaticRestartWhilePreparingRebalanceFencesTheOldIdsParkedJoin) {
  group = form_group("g", {join_of("g"), join_of("g", "", "s"), join_of("g")});
  old_id = group.ids[1];
  join(join_of("g", group.leader()));  // a rebalance
  auto parked = join(join_of("g", old_id, "s"));
  ASSERT_FALSE(parked->has_value()) << "the third member has not rejoined";
  auto r = restart();
  ASSERT_TRUE(parked->has_value());
  EXPECT_EQ((*parked)->error_code, error_code::fenced_instance_id);
  EXPECT_EQ((*parked)->member_id, old_id);
  EXPECT_FALSE(r->has_value()) << "the restarted member waits for the join phase like the others";
  join(join_of("g", group.ids[2]));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->error_code, error_code::none);
  EXPECT_EQ((*r)->generation_id, group.generation + 1);
  EXPECT_NE((*r)->member_id, old_id);
}

TEST_F(StaticMembershipTest, AMemberRestartedBeforeItSyncedStillMakesTheGroupRebalanceAtTheRebalanceTimeout) {
  join_request leader_request = join_of("g");
  leader_request.session_timeout_ms = 100000;
  join_request static_request = join_of("g", "", "s");
  static_request.session_timeout_ms = 100000;
  const std::string leader = (*join(leader_request))->member_id;
  join(static_request);
  leader_request.member_id = leader;
  auto l = join(leader_request);
  sync("g", (*l)->generation_id, leader, {});  // Stable; "s" never syncs
  ASSERT_EQ(describe("g").group_state, "Stable");
  auto r = join(static_request);  // "s" restarts, and does not sync either
  ASSERT_EQ((*r)->error_code, error_code::none);
  advance(std::chrono::milliseconds(rebalance_ms - 1));
  EXPECT_EQ(describe("g").group_state, "Stable");
  advance(1ms);
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
}

TEST_F(StaticMembershipTest, AStaticRestartWithAnotherPreferredProtocolTriggersARebalance) {
  join_request first = join_of("g", "", "s");
  first.protocols = protocols({"range", "roundrobin"});
  group = form_group("g", {first});
  join_request again = join_of("g", "", "s");
  again.protocols = protocols({"roundrobin", "range"});
  auto r = join(again);
  ASSERT_TRUE(r->has_value()) << "alone and rejoined: the join phase ends at once";
  EXPECT_EQ((*r)->generation_id, group.generation + 1);
  EXPECT_EQ((*r)->protocol_name, "roundrobin");
  EXPECT_EQ((*r)->leader, (*r)->member_id);
}

}  // namespace
}  // namespace kb::group::test
