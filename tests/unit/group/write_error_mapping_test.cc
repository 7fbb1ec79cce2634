// How a failed __consumer_offsets append is reported to clients: offset commits
// (GroupMetadataManager.maybeConvertOffsetCommitError) and group metadata (storeGroup).
#include <gtest/gtest.h>

#include "brokerd/group/group_store.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group {
namespace {

using protocol::error_code;

TEST(WriteErrorMappingTest, AnOffsetCommitThatCannotReachEnoughReplicasIsCoordinatorNotAvailable) {
  EXPECT_EQ(offset_commit_write_error(error_code::unknown_topic_or_partition), error_code::coordinator_not_available);
  EXPECT_EQ(offset_commit_write_error(error_code::not_enough_replicas), error_code::coordinator_not_available);
  EXPECT_EQ(offset_commit_write_error(error_code::not_enough_replicas_after_append),
            error_code::coordinator_not_available);
}

TEST(WriteErrorMappingTest, AnOffsetCommitOnALostLeadershipIsNotCoordinator) {
  EXPECT_EQ(offset_commit_write_error(error_code::not_leader_or_follower), error_code::not_coordinator);
  EXPECT_EQ(offset_commit_write_error(error_code::kafka_storage_error), error_code::not_coordinator);
}

TEST(WriteErrorMappingTest, AnOffsetCommitTooLargeToWriteIsInvalidCommitOffsetSize) {
  EXPECT_EQ(offset_commit_write_error(error_code::message_too_large), error_code::invalid_commit_offset_size);
  EXPECT_EQ(offset_commit_write_error(error_code::record_list_too_large), error_code::invalid_commit_offset_size);
  EXPECT_EQ(offset_commit_write_error(error_code::invalid_fetch_size), error_code::invalid_commit_offset_size);
}

TEST(WriteErrorMappingTest, OtherOffsetCommitErrorsAreReportedAsTheyAre) {
  EXPECT_EQ(offset_commit_write_error(error_code::request_timed_out), error_code::request_timed_out);
  EXPECT_EQ(offset_commit_write_error(error_code::unknown_server_error), error_code::unknown_server_error);
}

TEST(WriteErrorMappingTest, AGroupWriteThatCannotReachEnoughReplicasIsCoordinatorNotAvailable) {
  EXPECT_EQ(group_write_error(error_code::unknown_topic_or_partition), error_code::coordinator_not_available);
  EXPECT_EQ(group_write_error(error_code::not_enough_replicas), error_code::coordinator_not_available);
  EXPECT_EQ(group_write_error(error_code::not_enough_replicas_after_append), error_code::coordinator_not_available);
}

TEST(WriteErrorMappingTest, AGroupWriteOnALostLeadershipIsNotCoordinator) {
  EXPECT_EQ(group_write_error(error_code::not_leader_or_follower), error_code::not_coordinator);
  EXPECT_EQ(group_write_error(error_code::kafka_storage_error), error_code::not_coordinator);
}

TEST(WriteErrorMappingTest, AGroupWriteThatTimesOutIsRebalanceInProgress) {
  EXPECT_EQ(group_write_error(error_code::request_timed_out), error_code::rebalance_in_progress);
}

TEST(WriteErrorMappingTest, AGroupWriteTooLargeToWriteIsUnknownServerError) {
  EXPECT_EQ(group_write_error(error_code::message_too_large), error_code::unknown_server_error);
  EXPECT_EQ(group_write_error(error_code::record_list_too_large), error_code::unknown_server_error);
  EXPECT_EQ(group_write_error(error_code::invalid_fetch_size), error_code::unknown_server_error);
}

TEST(WriteErrorMappingTest, OtherGroupWriteErrorsAreReportedAsTheyAre) {
  EXPECT_EQ(group_write_error(error_code::invalid_request), error_code::invalid_request);
}

}  // namespace
}  // namespace kb::group
