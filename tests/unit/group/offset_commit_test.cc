// OffsetCommit and OffsetFetch (Kafka's handleCommitOffsets, validateOffsetCommit,
// GroupMetadataManager.storeOffsets/getOffsets): who may commit in which state, metadata
// size, write failures, and what a fetch sees.
#include "brokerd/group/offset_commit_record.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;

class OffsetCommitTest : public CoordinatorTest {
 protected:
  const topic_partition t0{"t", 0};
  const topic_partition t1{"t", 1};

  // The error of a one-partition commit to t0.
  error_code commit_t0(const std::string& group, const std::string& member_id, int32_t generation,
                       std::optional<std::string> instance = std::nullopt) {
    auto r = commit(group, member_id, generation, {{t0, at(5)}}, std::move(instance));
    EXPECT_TRUE(r->has_value());
    return (*r)->at(t0);
  }
  int64_t fetched(const std::string& group, const topic_partition& tp) {
    auto [error, offsets] = coordinator_.fetch_offsets(group, std::vector<topic_partition>{tp});
    EXPECT_EQ(error, error_code::none);
    return offsets.at(tp).offset;
  }
  // The error a commit gets when the log answers its append with `append_error`.
  error_code commit_failing_with(error_code append_error) {
    log_.next_outcome = append_error;
    error_code e = commit_t0("g", "", -1);
    log_.next_outcome = error_code::none;
    return e;
  }
};

// --- who may commit -----------------------------------------------------------------------------

TEST_F(OffsetCommitTest, ASimpleCommitToAnUnknownGroupCreatesAnEmptyGroup) {
  EXPECT_EQ(commit_t0("g", "", -1), error_code::none);
  auto d = describe("g");
  EXPECT_EQ(d.group_state, "Empty");
  EXPECT_EQ(d.protocol_type, "");
  EXPECT_EQ(fetched("g", t0), 5);
}

TEST_F(OffsetCommitTest, ACommitWithAGenerationToAnUnknownGroupIsIllegalGeneration) {
  EXPECT_EQ(commit_t0("g", "m", 1), error_code::illegal_generation);
  EXPECT_EQ(describe("g").group_state, "Dead") << "no group was created";
}

TEST_F(OffsetCommitTest, ASimpleCommitToAnEmptyGroupIsAccepted) {
  const std::string id = join_alone("g");
  coordinator_.leave_group("g", {{id, std::nullopt}});
  ASSERT_EQ(describe("g").group_state, "Empty");
  EXPECT_EQ(commit_t0("g", "", -1), error_code::none);
}

TEST_F(OffsetCommitTest, ACommitWithoutAMemberToAGroupWithMembersIsUnknownMemberId) {
  join_alone("g");
  EXPECT_EQ(commit_t0("g", "", -1), error_code::unknown_member_id);
}

TEST_F(OffsetCommitTest, ACommitOfAnUnknownMemberIsUnknownMemberId) {
  join_alone("g");
  EXPECT_EQ(commit_t0("g", "stranger", 1), error_code::unknown_member_id);
}

TEST_F(OffsetCommitTest, AMemberCommittingWithAnotherGenerationIsIllegalGeneration) {
  const std::string id = join_alone("g");
  EXPECT_EQ(commit_t0("g", id, 2), error_code::illegal_generation);
  EXPECT_EQ(commit_t0("g", id, -1), error_code::illegal_generation);
}

TEST_F(OffsetCommitTest, AMemberOfTheCurrentGenerationCommitsInAStableGroup) {
  const std::string id = join_alone("g");
  EXPECT_EQ(commit_t0("g", id, 1), error_code::none);
  EXPECT_EQ(fetched("g", t0), 5);
}

TEST_F(OffsetCommitTest, ACommitInCompletingRebalanceIsRebalanceInProgress) {
  const std::string id = (*join(join_of("g")))->member_id;
  ASSERT_EQ(describe("g").group_state, "CompletingRebalance");
  EXPECT_EQ(commit_t0("g", id, 1), error_code::rebalance_in_progress);
}

TEST_F(OffsetCommitTest, AMemberCommitWhilePreparingRebalanceIsAccepted) {
  auto group = form_group("g", 2);
  join(join_of("g", group.leader()));
  ASSERT_EQ(describe("g").group_state, "PreparingRebalance");
  EXPECT_EQ(commit_t0("g", group.ids[1], group.generation), error_code::none);
}

TEST_F(OffsetCommitTest, ACommitKeepsTheMembersSessionAlive) {
  const std::string id = join_alone("g");
  advance(9000ms);
  commit_t0("g", id, 1);
  advance(9999ms);
  EXPECT_EQ(describe("g").group_state, "Stable");
  advance(1ms);
  EXPECT_EQ(describe("g").group_state, "Empty");
}

TEST_F(OffsetCommitTest, AnEmptyGroupIdMayCommitAndFetch) {
  EXPECT_EQ(commit_t0("", "", -1), error_code::none);
  EXPECT_EQ(fetched("", t0), 5);
}

TEST_F(OffsetCommitTest, ACommitForAGroupNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ(commit_t0("g", "", -1), error_code::not_coordinator);
}

TEST_F(OffsetCommitTest, ACommitWhileTheGroupsPartitionLoadsIsCoordinatorLoadInProgress) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ(commit_t0("g", "", -1), error_code::coordinator_load_in_progress);
}

TEST_F(OffsetCommitTest, ACommitAfterShutdownIsCoordinatorNotAvailable) {
  coordinator_.shutdown();
  EXPECT_EQ(commit_t0("g", "", -1), error_code::coordinator_not_available);
}

// --- what is written ------------------------------------------------------------------------------

TEST_F(OffsetCommitTest, ACommitWritesOneRecordPerPartitionToTheGroupsPartition) {
  const size_t before = log_.appended.size();
  commit("g", "", -1, {{t0, at(5, "a")}, {t1, at(6, "b")}});
  ASSERT_EQ(log_.appended.size(), before + 1) << "one batch";
  const auto& call = log_.appended.back();
  EXPECT_EQ(call.partition, coordinator_.partition_for("g"));
  ASSERT_EQ(call.records.size(), 2u);
  auto key = offset_commit_record::decode_key(call.records[1].key);
  ASSERT_TRUE(key);
  EXPECT_EQ(key.value(), (offset_commit_key{"g", "t", 1}));
  auto value = offset_commit_record::decode_value(*call.records[1].value);
  ASSERT_TRUE(value);
  EXPECT_EQ(value.value().offset, 6);
  EXPECT_EQ(value.value().metadata, "b");
}

TEST_F(OffsetCommitTest, MetadataOverTheLimitIsOffsetMetadataTooLargeWhileTheOthersAreStored) {
  config_.offset_metadata_max_bytes = 4;
  auto r = commit("g", "", -1, {{t0, at(5, "12345")}, {t1, at(6, "1234")}});
  EXPECT_EQ((*r)->at(t0), error_code::offset_metadata_too_large);
  EXPECT_EQ((*r)->at(t1), error_code::none);
  EXPECT_EQ(fetched("g", t0), -1);
  EXPECT_EQ(fetched("g", t1), 6);
  EXPECT_EQ(log_.appended.back().records.size(), 1u) << "only the valid offset is written";
}

TEST_F(OffsetCommitTest, MetadataSizeIsCountedInJavaCharactersAsKafkaCounts) {
  // Kafka compares String.length(): UTF-16 code units, not UTF-8 bytes.
  config_.offset_metadata_max_bytes = 3;
  auto r = commit("g", "", -1, {{t0, at(5, "\u00e9\u00e9\u00e9")}, {t1, at(6, "\u00e9\u00e9\u00e9\u00e9")}});
  EXPECT_EQ((*r)->at(t0), error_code::none) << "three characters in six bytes";
  EXPECT_EQ((*r)->at(t1), error_code::offset_metadata_too_large);
  auto pair = commit("g", "", -1, {{t0, at(5, "a\U0001F600")}, {t1, at(6, "ab\U0001F600")}});
  EXPECT_EQ((*pair)->at(t0), error_code::none) << "a surrogate pair is two characters";
  EXPECT_EQ((*pair)->at(t1), error_code::offset_metadata_too_large);
}

TEST_F(OffsetCommitTest, WhenEveryMetadataIsTooLargeNothingIsWritten) {
  config_.offset_metadata_max_bytes = 1;
  const size_t before = log_.appended.size();
  auto r = commit("g", "", -1, {{t0, at(5, "ab")}});
  EXPECT_EQ((*r)->at(t0), error_code::offset_metadata_too_large);
  EXPECT_EQ(log_.appended.size(), before);
}

// --- write failures (GroupMetadataManager.maybeConvertOffsetCommitError) ----------------------

TEST_F(OffsetCommitTest, NotLeaderOrFollowerOnWriteIsNotCoordinator) {
  EXPECT_EQ(commit_failing_with(error_code::not_leader_or_follower), error_code::not_coordinator);
}

TEST_F(OffsetCommitTest, NotEnoughReplicasOnWriteIsCoordinatorNotAvailable) {
  EXPECT_EQ(commit_failing_with(error_code::not_enough_replicas), error_code::coordinator_not_available);
}

TEST_F(OffsetCommitTest, MessageTooLargeOnWriteIsInvalidCommitOffsetSize) {
  EXPECT_EQ(commit_failing_with(error_code::message_too_large), error_code::invalid_commit_offset_size);
}

TEST_F(OffsetCommitTest, RequestTimedOutOnWriteStaysRequestTimedOut) {
  EXPECT_EQ(commit_failing_with(error_code::request_timed_out), error_code::request_timed_out);
}

TEST_F(OffsetCommitTest, AFailedWriteStoresNothing) {
  commit_t0("g", "", -1);
  log_.next_outcome = error_code::not_enough_replicas;
  commit("g", "", -1, {{t0, at(9)}});
  log_.next_outcome = error_code::none;
  EXPECT_EQ(fetched("g", t0), 5) << "the previous offset stays";
}

TEST_F(OffsetCommitTest, AnOffsetIsNotVisibleUntilItsWriteCompletes) {
  log_.auto_complete = false;
  auto r = commit("g", "", -1, {{t0, at(5)}});
  EXPECT_FALSE(r->has_value());
  EXPECT_EQ(fetched("g", t0), -1);
  EXPECT_TRUE(coordinator_.fetch_offsets("g", std::nullopt).second.empty());
  log_.complete();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->at(t0), error_code::none);
  EXPECT_EQ(fetched("g", t0), 5);
}

// --- fetch ------------------------------------------------------------------------------------------

TEST_F(OffsetCommitTest, AFetchOfAllPartitionsReturnsEveryCommittedOffset) {
  commit("g", "", -1, {{t0, at(5, "a")}, {t1, at(6, "b")}});
  commit("g", "", -1, {{{"u", 3}, at(7)}});
  auto [error, offsets] = coordinator_.fetch_offsets("g", std::nullopt);
  EXPECT_EQ(error, error_code::none);
  ASSERT_EQ(offsets.size(), 3u);
  EXPECT_EQ(offsets.at(t0).offset, 5);
  EXPECT_EQ(offsets.at(t0).metadata, "a");
  EXPECT_EQ(offsets.at(t1).offset, 6);
  EXPECT_EQ(offsets.at({"u", 3}).offset, 7);
}

TEST_F(OffsetCommitTest, AFetchOfAPartitionWithoutAnOffsetIsMinusOne) {
  commit_t0("g", "", -1);
  auto [error, offsets] = coordinator_.fetch_offsets("g", std::vector<topic_partition>{t1});
  EXPECT_EQ(error, error_code::none);
  EXPECT_EQ(offsets.at(t1).offset, -1);
  EXPECT_EQ(offsets.at(t1).metadata, "");
  EXPECT_EQ(offsets.at(t1).error, error_code::none);
}

TEST_F(OffsetCommitTest, AFetchForAnUnknownGroupIsMinusOneForEachPartitionAndNothingForAll) {
  EXPECT_EQ(fetched("nobody", t0), -1);
  auto [error, all] = coordinator_.fetch_offsets("nobody", std::nullopt);
  EXPECT_EQ(error, error_code::none);
  EXPECT_TRUE(all.empty());
}

TEST_F(OffsetCommitTest, AFetchReturnsTheLeaderEpoch) {
  offset_and_metadata o = at(5);
  o.leader_epoch = 3;
  commit("g", "", -1, {{t0, o}});
  EXPECT_EQ(coordinator_.fetch_offsets("g", std::nullopt).second.at(t0).leader_epoch, 3);
}

TEST_F(OffsetCommitTest, AFetchForAGroupNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ(coordinator_.fetch_offsets("g", std::nullopt).first, error_code::not_coordinator);
}

TEST_F(OffsetCommitTest, AFetchWhileTheGroupsPartitionLoadsIsCoordinatorLoadInProgress) {
  reload_partition_of("g", /*hold=*/true);
  EXPECT_EQ(coordinator_.fetch_offsets("g", std::nullopt).first, error_code::coordinator_load_in_progress);
}

TEST_F(OffsetCommitTest, OffsetsAreFetchedWhateverTheGroupsState) {
  const std::string id = join_alone("g");
  commit_t0("g", id, 1);
  join(join_of("g", id));  // rebalancing: completes at once, the member is alone
  ASSERT_EQ(describe("g").group_state, "CompletingRebalance");
  EXPECT_EQ(fetched("g", t0), 5);
}

}  // namespace
}  // namespace kb::group::test
