// group_metadata's committed offsets (Kafka's GroupMetadata offset bookkeeping): pending
// commits, which record wins, removal, and the expiry rules of removeExpiredOffsets.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/group/group_metadata.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group {
namespace {

using enum group_state;

offset_and_metadata committed(int64_t offset, int64_t commit_ms, std::optional<int64_t> expire_ms = std::nullopt) {
  return {offset, -1, "", commit_ms, expire_ms};
}

class GroupOffsetsTest : public ::testing::Test {
 protected:
  // A group with a consumer member subscribed to `topics`, in generation 1.
  void add_consumer(const std::vector<std::string>& topics, const std::string& type = "consumer") {
    member m;
    m.id = "m";
    m.protocol_type = type;
    m.protocols = {{"range", test::consumer_subscription(topics)}};
    g.add(m, nullptr);
    g.transition_to(preparing_rebalance, 0);
    g.init_next_generation(0);
  }
  // Members gone: generation 2, Empty since `at_ms`.
  void empty_at(int64_t at_ms) {
    g.remove("m");
    g.transition_to(preparing_rebalance, at_ms);
    g.init_next_generation(at_ms);
  }
  std::vector<topic_partition> keys(const std::map<topic_partition, offset_and_metadata>& m) {
    std::vector<topic_partition> out;
    for (const auto& [tp, _] : m) out.push_back(tp);
    return out;
  }

  group_metadata g{"g", empty, 0};
  const topic_partition t0{"t", 0};
  const topic_partition t1{"t", 1};
  const topic_partition u0{"u", 0};
};

// --- commits ----------------------------------------------------------------------------------

TEST_F(GroupOffsetsTest, APreparedCommitIsInvisibleUntilItsRecordIsAppended) {
  g.prepare_offset_commit({{t0, committed(7, 0)}});
  EXPECT_FALSE(g.offset(t0));
  EXPECT_TRUE(g.has_offsets()) << "a pending commit counts as an offset the group has";
  g.on_offset_commit_appended(t0, committed(7, 0), 3);
  ASSERT_TRUE(g.offset(t0));
  EXPECT_EQ(g.offset(t0)->offset, 7);
}

TEST_F(GroupOffsetsTest, AFailedCommitKeepsThePreviousOffsetAndLeavesNothingPending) {
  g.prepare_offset_commit({{t1, committed(9, 0)}});
  g.fail_pending_offset_commit(t1, committed(9, 0));
  EXPECT_FALSE(g.offset(t1));
  EXPECT_FALSE(g.has_offsets());
  g.load_offset(t0, committed(5, 0), 0);
  g.prepare_offset_commit({{t0, committed(7, 0)}});
  g.fail_pending_offset_commit(t0, committed(7, 0));
  EXPECT_EQ(g.offset(t0)->offset, 5);
}

TEST_F(GroupOffsetsTest, ACommitAppendedWhileANewerOneIsPendingIsVisibleUntilTheNewerLands) {
  g.prepare_offset_commit({{t0, committed(1, 0)}});
  g.prepare_offset_commit({{t0, committed(2, 0)}});
  g.on_offset_commit_appended(t0, committed(1, 0), 10);
  EXPECT_EQ(g.offset(t0)->offset, 1);
  g.on_offset_commit_appended(t0, committed(2, 0), 11);
  EXPECT_EQ(g.offset(t0)->offset, 2);
}

TEST_F(GroupOffsetsTest, AnOlderRecordAppendedLastDoesNotReplaceANewerOne) {
  g.prepare_offset_commit({{t0, committed(1, 0)}});
  g.prepare_offset_commit({{t0, committed(2, 0)}});
  g.on_offset_commit_appended(t0, committed(2, 0), 11);
  g.on_offset_commit_appended(t0, committed(1, 0), 10);
  EXPECT_EQ(g.offset(t0)->offset, 2);
}

TEST_F(GroupOffsetsTest, AFailedCommitDoesNotClearANewerPendingOne) {
  g.prepare_offset_commit({{t0, committed(1, 0)}});
  g.prepare_offset_commit({{t0, committed(2, 0)}});
  g.fail_pending_offset_commit(t0, committed(1, 0));
  EXPECT_TRUE(g.has_offsets()) << "2 is still pending";
  g.on_offset_commit_appended(t0, committed(2, 0), 11);
  EXPECT_EQ(g.offset(t0)->offset, 2);
}

TEST_F(GroupOffsetsTest, RemoveOffsetsReturnsThoseTheGroupHadAndDropsPendingOnes) {
  g.load_offset(t0, committed(5, 0), 0);
  g.prepare_offset_commit({{t1, committed(6, 0)}});
  auto removed = g.remove_offsets({t0, t1, u0});
  EXPECT_EQ(keys(removed), std::vector<topic_partition>{t0});
  EXPECT_FALSE(g.has_offsets());
  g.on_offset_commit_appended(t1, committed(6, 0), 1);
  EXPECT_FALSE(g.offset(t1)) << "a commit whose partition was removed meanwhile is not applied";
}

TEST_F(GroupOffsetsTest, RemoveAllOffsetsEmptiesTheGroup) {
  g.load_offset(t0, committed(5, 0), 0);
  g.load_offset(u0, committed(6, 0), 1);
  EXPECT_EQ(keys(g.remove_all_offsets()), (std::vector<topic_partition>{t0, u0}));
  EXPECT_FALSE(g.has_offsets());
  EXPECT_EQ(g.offset_count(), 0u);
}

// --- expiry -------------------------------------------------------------------------------------

TEST_F(GroupOffsetsTest, AnEmptyGroupsOffsetsExpireRetentionAfterItBecameEmpty) {
  add_consumer({"t"});
  g.load_offset(t0, committed(1, 0), 0);
  g.load_offset(u0, committed(2, 0), 1);
  empty_at(100'000);
  EXPECT_TRUE(g.remove_expired_offsets(149'999, 50'000).empty()) << "counted from 100000, not from the commits";
  EXPECT_EQ(keys(g.remove_expired_offsets(150'000, 50'000)), (std::vector<topic_partition>{t0, u0}));
}

TEST_F(GroupOffsetsTest, AnEmptyGroupWithoutAStateTimestampCountsFromEachCommit) {
  g.restore(1, "consumer", std::nullopt, std::nullopt);
  g.set_current_state_timestamp_ms(-1);  // loaded from a GroupMetadataValue before v2
  g.load_offset(t0, committed(1, 1000), 0);
  g.load_offset(t1, committed(2, 5000), 1);
  EXPECT_TRUE(g.remove_expired_offsets(10'999, 10'000).empty());
  EXPECT_EQ(keys(g.remove_expired_offsets(11'000, 10'000)), std::vector<topic_partition>{t0});
  EXPECT_EQ(keys(g.remove_expired_offsets(15'000, 10'000)), std::vector<topic_partition>{t1});
}

TEST_F(GroupOffsetsTest, AStableConsumerGroupExpiresOnlyTopicsItDoesNotSubscribeTo) {
  add_consumer({"t"});
  g.transition_to(stable, 0);
  g.load_offset(t0, committed(1, 0), 0);
  g.load_offset(u0, committed(2, 0), 1);
  EXPECT_TRUE(g.remove_expired_offsets(999, 1000).empty());
  EXPECT_EQ(keys(g.remove_expired_offsets(1000, 1000)), std::vector<topic_partition>{u0});
  EXPECT_TRUE(g.remove_expired_offsets(1'000'000, 1000).empty()) << "t is subscribed";
}

TEST_F(GroupOffsetsTest, AStableConsumerGroupWithUnknownSubscriptionsKeepsItsOffsets) {
  member m;
  m.id = "m";
  m.protocol_type = "consumer";
  m.protocols = {{"range", {std::byte{0}}}};  // unparsable
  g.add(m, nullptr);
  g.transition_to(preparing_rebalance, 0);
  g.init_next_generation(0);
  g.transition_to(stable, 0);
  g.load_offset(u0, committed(2, 0), 0);
  EXPECT_TRUE(g.remove_expired_offsets(1'000'000, 1000).empty());
}

TEST_F(GroupOffsetsTest, ARebalancingConsumerGroupKeepsItsOffsets) {
  add_consumer({"t"});
  g.load_offset(u0, committed(2, 0), 0);
  EXPECT_TRUE(g.is(completing_rebalance));
  EXPECT_TRUE(g.remove_expired_offsets(1'000'000, 1000).empty());
  g.transition_to(preparing_rebalance, 0);
  EXPECT_TRUE(g.remove_expired_offsets(1'000'000, 1000).empty());
}

TEST_F(GroupOffsetsTest, ANonConsumerGroupWithMembersKeepsItsOffsets) {
  add_consumer({"t"}, "connect");
  g.transition_to(stable, 0);
  g.load_offset(u0, committed(2, 0), 0);
  EXPECT_TRUE(g.remove_expired_offsets(1'000'000, 1000).empty());
}

TEST_F(GroupOffsetsTest, AnExplicitExpireTimestampDecidesInsteadOfTheRetention) {
  g.load_offset(t0, committed(1, 0, 500), 0);
  g.load_offset(t1, committed(2, 0, 1'000'000), 1);
  EXPECT_TRUE(g.remove_expired_offsets(499, 1'000'000'000).empty());
  EXPECT_EQ(keys(g.remove_expired_offsets(500, 1'000'000'000)), std::vector<topic_partition>{t0});
  EXPECT_TRUE(g.remove_expired_offsets(999'999, 100).empty()) << "past the retention, not past its expire timestamp";
  EXPECT_EQ(keys(g.remove_expired_offsets(1'000'000, 100)), std::vector<topic_partition>{t1});
}

TEST_F(GroupOffsetsTest, AnExplicitExpireTimestampAlsoDecidesInAnEmptyGroup) {
  add_consumer({"t"});
  g.load_offset(t0, committed(1, 0, 500), 0);
  empty_at(100);
  EXPECT_EQ(keys(g.remove_expired_offsets(500, 1'000'000)), std::vector<topic_partition>{t0});
}

TEST_F(GroupOffsetsTest, APendingCommitNeverExpires) {
  g.load_offset(t0, committed(1, 0), 0);
  g.prepare_offset_commit({{t0, committed(2, 0)}});
  EXPECT_TRUE(g.remove_expired_offsets(1'000'000'000, 1).empty());
  EXPECT_EQ(g.offset(t0)->offset, 1);
}

TEST_F(GroupOffsetsTest, AGroupThatNeverHadMembersExpiresEachOffsetByItsCommitTimestamp) {
  group_metadata simple("simple", empty, 50'000);  // its state timestamp is later than the commits
  simple.load_offset(t0, committed(1, 100), 0);
  simple.load_offset(t1, committed(2, 200), 1);
  EXPECT_TRUE(simple.remove_expired_offsets(1099, 1000).empty());
  EXPECT_EQ(keys(simple.remove_expired_offsets(1100, 1000)), std::vector<topic_partition>{t0});
  EXPECT_EQ(keys(simple.remove_expired_offsets(1200, 1000)), std::vector<topic_partition>{t1});
  EXPECT_FALSE(simple.has_offsets());
}

}  // namespace
}  // namespace kb::group
