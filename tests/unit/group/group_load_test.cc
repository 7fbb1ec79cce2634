// Taking a __consumer_offsets partition over and letting it go (Kafka's
// GroupMetadataManager.doLoadGroupsAndOffsets / removeGroupsAndOffsets and the coordinator's
// onGroupLoaded / onGroupUnloaded): what a load rebuilds from the records, and what an
// unload answers.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using std::chrono::milliseconds;
using bytes = std::vector<std::byte>;

class GroupLoadTest : public CoordinatorTest {
 protected:
  // Appends records to the log of "g"'s partition, as if written before this broker led it.
  void put(std::vector<offsets_record> records) {
    auto& log = log_.stored[coordinator_.partition_for("g")];
    for (auto& r : records) {
      r.offset = static_cast<int64_t>(log.size());
      log.push_back(std::move(r));
    }
  }
  static offsets_record offset(const std::string& topic, int32_t partition, int64_t value) {
    offset_commit_value v;
    v.offset = value;
    v.commit_timestamp = 1;
    return {-1, offset_commit_record::encode_key({"g", topic, partition}), offset_commit_record::encode_value(v)};
  }
  static offsets_record offset_tombstone(const std::string& topic, int32_t partition) {
    return {-1, offset_commit_record::encode_key({"g", topic, partition}), std::nullopt};
  }
  static offsets_record group(group_metadata_value v) {
    return {-1, group_metadata_record::encode_key({"g"}), group_metadata_record::encode_value(v)};
  }
  static offsets_record group_tombstone() { return {-1, group_metadata_record::encode_key({"g"}), std::nullopt}; }
  static group_metadata_value one_member_generation(int32_t generation) {
    group_metadata_value v;
    v.protocol_type = "consumer";
    v.generation = generation;
    v.protocol = "range";
    v.leader = "m";
    v.current_state_timestamp = 1;
    group_metadata_value::member_metadata m;
    m.member_id = "m";
    m.client_id = "client";
    m.client_host = "/127.0.0.1";
    m.rebalance_timeout = rebalance_ms;
    m.session_timeout = session_ms;
    m.subscription = consumer_subscription({"t"});
    m.assignment = {std::byte{4}};
    v.members.push_back(m);
    return v;
  }
  int64_t fetched(const topic_partition& tp) {
    return coordinator_.fetch_offsets("g", std::vector<topic_partition>{tp}).second.at(tp).offset;
  }
};

// --- loading -----------------------------------------------------------------------------------------

TEST_F(GroupLoadTest, ALoadRebuildsAStableGroupWithItsMembersAndAssignments) {
  auto formed = form_group("g", 2);
  reload_partition_of("g");
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Stable");
  EXPECT_EQ(d.protocol_type, "consumer");
  EXPECT_EQ(d.protocol_data, "range");
  ASSERT_EQ(d.members.size(), 2u);
  for (const auto& m : d.members) {
    EXPECT_EQ(m.member_assignment, bytes{std::byte(m.member_id == formed.leader() ? 1 : 2)}) << m.member_id;
    EXPECT_EQ(m.member_metadata, consumer_subscription({"t"}));
  }
  EXPECT_EQ(coordinator_.heartbeat("g", formed.ids[1], std::nullopt, formed.generation), error_code::none);
}

TEST_F(GroupLoadTest, AMemberSyncingAfterALoadGetsItsStoredAssignment) {
  auto formed = form_group("g", 2);
  reload_partition_of("g");
  auto s = sync("g", formed.generation, formed.ids[1]);
  ASSERT_TRUE(s->has_value());
  EXPECT_EQ((*s)->assignment, bytes{std::byte{2}});
}

TEST_F(GroupLoadTest, ALoadRebuildsCommittedOffsets) {
  auto formed = form_group("g", 1);
  commit("g", formed.leader(), formed.generation, {{{"t", 0}, at(5, "meta")}});
  reload_partition_of("g");
  auto [error, offsets] = coordinator_.fetch_offsets("g", std::nullopt);
  EXPECT_EQ(error, error_code::none);
  ASSERT_EQ(offsets.size(), 1u);
  EXPECT_EQ(offsets.at({"t", 0}).offset, 5);
  EXPECT_EQ(offsets.at({"t", 0}).metadata, "meta");
}

TEST_F(GroupLoadTest, ALoadRebuildsAnOffsetsOnlyGroupAsEmpty) {
  commit("g", "", -1, {{{"t", 0}, at(5)}});
  reload_partition_of("g");
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Empty");
  EXPECT_EQ(d.protocol_type, "");
  EXPECT_EQ(fetched({"t", 0}), 5);
}

TEST_F(GroupLoadTest, ALoadRebuildsAnEmptyGenerationAsAnEmptyGroupThatKeepsCounting) {
  const std::string id = join_alone("g");
  coordinator_.leave_group("g", {{id, std::nullopt}});  // generation 2, empty, stored
  reload_partition_of("g");
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Empty");
  EXPECT_EQ(d.protocol_type, "consumer");
  auto r = join(join_of("g"));
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->generation_id, 3);
}

TEST_F(GroupLoadTest, ALoadedStaticMemberIsStillKnownByItsInstanceId) {
  auto formed = form_group("g", {join_of("g"), join_of("g", "", "s")});
  reload_partition_of("g");
  EXPECT_EQ(coordinator_.heartbeat("g", formed.ids[1], "s", formed.generation), error_code::none);
  auto restarted = join(join_of("g", "", "s"));
  ASSERT_TRUE(restarted->has_value());
  EXPECT_EQ((*restarted)->generation_id, formed.generation) << "replaced without a rebalance";
}

TEST_F(GroupLoadTest, AStoredGroupListingAStaticMemberTwiceLoadsWithoutItsSecondEntry) {
  group_metadata_value v = one_member_generation(3);
  v.members[0].group_instance_id = "s";
  v.members.push_back(v.members[0]);
  v.members[1].member_id = "m2";
  put({group(v)});
  reload_partition_of("g");
  auto described = coordinator_.describe_group("g");
  EXPECT_EQ(described.group_state, "Stable");
  ASSERT_EQ(described.members.size(), 1u) << "the duplicate is skipped, not fatal";
  EXPECT_EQ(described.members[0].member_id, "m");
}

TEST_F(GroupLoadTest, AStoredLeaderThatIsNotAMemberIsReplacedByAMember) {
  group_metadata_value v = one_member_generation(3);
  v.leader = "nobody";
  put({group(v)});
  reload_partition_of("g");
  auto joined = join(join_of("g", "m"));  // the leader rejoining a Stable group rebalances
  ASSERT_TRUE(joined->has_value());
  EXPECT_EQ((*joined)->error_code, error_code::none);
  EXPECT_EQ((*joined)->leader, "m");
}

TEST_F(GroupLoadTest, StoredTimeoutsBelowTheMinimumAreRaisedToIt) {
  group_metadata_value v = one_member_generation(3);
  v.members[0].session_timeout = 0;
  v.members[0].rebalance_timeout = -5;
  put({group(v)});
  reload_partition_of("g");
  advance(milliseconds(config_.min_session_timeout_ms - 1));
  EXPECT_EQ(coordinator_.describe_group("g").members.size(), 1u) << "not expired at once";
}

TEST_F(GroupLoadTest, AFailedReadIsRetriedAndTheGroupIsLoadingMeanwhile) {
  put({offset("t", 0, 42)});
  log_.failing_reads = 1;
  reload_partition_of("g");
  EXPECT_EQ(coordinator_.fetch_offsets("g", std::nullopt).first, error_code::coordinator_load_in_progress);
  advance(load_retry_backoff);
  EXPECT_EQ(fetched({"t", 0}), 42);
}

TEST_F(GroupLoadTest, LoadedMembersMustHeartbeatWithinASessionOfTheLoad) {
  form_group("g", 2);
  advance(5000ms);
  reload_partition_of("g");
  advance(milliseconds(session_ms - 1));  // t = 14999: past the sessions begun at 0
  EXPECT_EQ(describe("g").members.size(), 2u);
  advance(1ms);
  EXPECT_EQ(describe("g").group_state, "Empty");
}

TEST_F(GroupLoadTest, ALoadedGroupOverGroupMaxSizeRebalances) {
  form_group("g", 3);
  config_.max_size = 2;
  reload_partition_of("g");
  EXPECT_EQ(describe("g").group_state, "PreparingRebalance");
}

TEST_F(GroupLoadTest, AnOffsetTombstoneRemovesTheOffset) {
  put({offset("t", 0, 1), offset_tombstone("t", 0), offset("t", 1, 2)});
  reload_partition_of("g");
  EXPECT_EQ(fetched({"t", 0}), -1);
  EXPECT_EQ(fetched({"t", 1}), 2);
}

TEST_F(GroupLoadTest, AnOffsetCommittedAgainAfterItsTombstoneIsLoaded) {
  put({offset("t", 0, 1), offset_tombstone("t", 0), offset("t", 0, 3)});
  reload_partition_of("g");
  EXPECT_EQ(fetched({"t", 0}), 3);
}

TEST_F(GroupLoadTest, TheLastCommitOfAPartitionWins) {
  put({offset("t", 0, 1), offset("t", 0, 2)});
  reload_partition_of("g");
  EXPECT_EQ(fetched({"t", 0}), 2);
}

TEST_F(GroupLoadTest, AGroupWhoseOffsetsWereAllTombstonedIsNotLoaded) {
  put({offset("t", 0, 1), offset_tombstone("t", 0)});
  reload_partition_of("g");
  EXPECT_EQ(describe("g").group_state, "Dead");
}

TEST_F(GroupLoadTest, AGroupRecordLoadsTheGroupInItsGeneration) {
  put({group(one_member_generation(7))});
  reload_partition_of("g");
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Stable");
  ASSERT_EQ(d.members.size(), 1u);
  EXPECT_EQ(d.members[0].member_id, "m");
  EXPECT_EQ(d.members[0].member_assignment, bytes{std::byte{4}});
  EXPECT_EQ(coordinator_.heartbeat("g", "m", std::nullopt, 7), error_code::none);
}

TEST_F(GroupLoadTest, TheLastGroupRecordWins) {
  put({group(one_member_generation(7)), group(one_member_generation(8))});
  reload_partition_of("g");
  EXPECT_EQ(coordinator_.heartbeat("g", "m", std::nullopt, 8), error_code::none);
}

TEST_F(GroupLoadTest, AGroupTombstoneRemovesTheGroup) {
  put({group(one_member_generation(7)), group_tombstone()});
  reload_partition_of("g");
  EXPECT_EQ(describe("g").group_state, "Dead");
}

TEST_F(GroupLoadTest, AGroupTombstoneLeavesTheGroupsOffsetsInAnEmptyGroup) {
  put({group(one_member_generation(7)), offset("t", 0, 1), group_tombstone()});
  reload_partition_of("g");
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Empty");
  EXPECT_EQ(d.protocol_type, "");
  EXPECT_EQ(fetched({"t", 0}), 1);
}

TEST_F(GroupLoadTest, RecordsWithAnUnknownKeyVersionAreSkipped) {
  offsets_record unknown{-1, {std::byte{0}, std::byte{9}, std::byte{0}, std::byte{1}, std::byte{'g'}},
                         bytes{std::byte{0}, std::byte{0}}};
  put({unknown, offset("t", 0, 1), unknown});
  reload_partition_of("g");
  EXPECT_EQ(fetched({"t", 0}), 1);
}

// --- unloading ---------------------------------------------------------------------------------------

TEST_F(GroupLoadTest, AnUnloadAnswersParkedJoinsWithNotCoordinator) {
  auto formed = form_group("g", 2);
  auto leader = join(join_of("g", formed.leader()));
  ASSERT_FALSE(leader->has_value());
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  ASSERT_TRUE(leader->has_value());
  EXPECT_EQ((*leader)->error_code, error_code::not_coordinator);
  EXPECT_EQ((*leader)->member_id, formed.leader());
}

TEST_F(GroupLoadTest, AnUnloadAnswersParkedSyncsWithNotCoordinator) {
  const std::string leader = (*join(join_of("g")))->member_id;
  auto f = join(join_of("g"));
  auto l = join(join_of("g", leader));
  auto parked = sync("g", (*l)->generation_id, (*f)->member_id);
  ASSERT_FALSE(parked->has_value());
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  ASSERT_TRUE(parked->has_value());
  EXPECT_EQ((*parked)->error_code, error_code::not_coordinator);
}

TEST_F(GroupLoadTest, AfterAnUnloadTheGroupsRequestsAreNotCoordinator) {
  auto formed = form_group("g", 1);
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ((*join(join_of("g", formed.leader())))->error_code, error_code::not_coordinator);
  EXPECT_EQ(coordinator_.heartbeat("g", formed.leader(), std::nullopt, formed.generation), error_code::not_coordinator);
  EXPECT_EQ((*commit("g", "", -1, {{{"t", 0}, at(1)}}))->at({"t", 0}), error_code::not_coordinator);
  EXPECT_EQ(describe("g").error_code, error_code::not_coordinator);
}

TEST_F(GroupLoadTest, AShutdownAnswersParkedRequestsWithNotCoordinator) {
  const std::string leader = (*join(join_of("g")))->member_id;
  auto f = join(join_of("g"));
  auto l = join(join_of("g", leader));
  auto parked_sync = sync("g", (*l)->generation_id, (*f)->member_id);
  auto other = form_group("h", 2);
  auto parked_join = join(join_of("h", other.leader()));
  ASSERT_FALSE(parked_sync->has_value() || parked_join->has_value());
  coordinator_.shutdown();
  ASSERT_TRUE(parked_sync->has_value() && parked_join->has_value());
  EXPECT_EQ((*parked_sync)->error_code, error_code::not_coordinator);
  EXPECT_EQ((*parked_join)->error_code, error_code::not_coordinator);
}

TEST_F(GroupLoadTest, AnUnloadedGroupsTimersWriteNothing) {
  auto formed = form_group("g", 2);
  join(join_of("g", formed.leader()));  // a join phase, sessions and a rebalance timeout pending
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  const size_t appends = log_.appended.size();
  advance(milliseconds(10 * rebalance_ms));
  EXPECT_EQ(log_.appended.size(), appends);
}

TEST_F(GroupLoadTest, ALoadThatCompletesAfterAnUnloadIsDropped) {
  commit("g", "", -1, {{{"t", 0}, at(5)}});
  reload_partition_of("g", /*hold=*/true);
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  log_.finish_reads();
  EXPECT_EQ(coordinator_.fetch_offsets("g", std::nullopt).first, error_code::not_coordinator);
  EXPECT_EQ(describe("g").error_code, error_code::not_coordinator);
}

TEST_F(GroupLoadTest, ALoadThatCompletesAfterAnUnloadAndANewLoadIsReplacedByTheNewOne) {
  commit("g", "", -1, {{{"t", 0}, at(5)}});
  reload_partition_of("g", /*hold=*/true);
  reload_partition_of("g", /*hold=*/true);  // the first read is still held
  log_.finish_reads();
  EXPECT_EQ(fetched({"t", 0}), 5);
  EXPECT_EQ(coordinator_.list_groups().first, error_code::none) << "nothing is loading any more";
}

}  // namespace
}  // namespace kb::group::test
