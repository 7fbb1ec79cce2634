// Offset expiry through the coordinator (Kafka's GroupMetadataManager.cleanupGroupMetadata,
// run every offsets.retention.check.interval.ms): expired offsets are removed with tombstones
// and a group left Empty without offsets is deleted.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using namespace std::chrono_literals;
using std::chrono::milliseconds;
using strings = std::vector<std::string>;

class OffsetExpiryTest : public CoordinatorTest {
 protected:
  int64_t fetched(const topic_partition& tp) {
    return coordinator_.fetch_offsets("g", std::vector<topic_partition>{tp}).second.at(tp).offset;
  }
};

TEST_F(OffsetExpiryTest, AnEmptyGroupsOffsetsExpireRetentionAfterItBecameEmpty) {
  config_.offsets_retention_ms = 60000;
  const std::string id = join_alone("g");
  commit("g", id, 1, {{{"t", 0}, at(5)}});
  advance_to(1000ms);
  coordinator_.leave_group("g", {{id, std::nullopt}});  // Empty since 1000
  advance_to(60999ms);
  EXPECT_EQ(coordinator_.expire_offsets(), 0u);
  EXPECT_EQ(fetched({"t", 0}), 5);
  advance_to(61000ms);
  EXPECT_EQ(coordinator_.expire_offsets(), 1u);
  EXPECT_EQ(fetched({"t", 0}), -1);
}

TEST_F(OffsetExpiryTest, AGroupLeftEmptyWithoutOffsetsIsDeletedWithTombstones) {
  config_.offsets_retention_ms = 60000;
  const std::string id = join_alone("g");
  commit("g", id, 1, {{{"t", 0}, at(5)}});
  coordinator_.leave_group("g", {{id, std::nullopt}});
  advance(60000ms);
  coordinator_.expire_offsets();
  EXPECT_EQ(describe("g").group_state, "Dead");
  EXPECT_EQ(records_of(log_.appended.back()), (strings{"tombstone offset g t-0", "tombstone group g"}));
}

TEST_F(OffsetExpiryTest, AnOffsetsOnlyGroupIsDeletedWithoutAGroupTombstone) {
  config_.offsets_retention_ms = 60000;
  commit("g", "", -1, {{{"t", 0}, at(5)}});
  advance(60000ms);
  coordinator_.expire_offsets();
  EXPECT_EQ(describe("g").group_state, "Dead");
  EXPECT_EQ(records_of(log_.appended.back()), strings{"tombstone offset g t-0"});
}

TEST_F(OffsetExpiryTest, AnEmptyGroupWithoutOffsetsIsDeletedByTheNextCheck) {
  const std::string id = join_alone("g");
  coordinator_.leave_group("g", {{id, std::nullopt}});
  EXPECT_EQ(coordinator_.expire_offsets(), 0u);
  EXPECT_EQ(describe("g").group_state, "Dead");
  EXPECT_EQ(records_of(log_.appended.back()), strings{"tombstone group g"});
}

TEST_F(OffsetExpiryTest, AStableConsumerGroupLosesOnlyOffsetsOfTopicsItDoesNotSubscribeTo) {
  config_.offsets_retention_ms = 5000;
  const std::string id = join_alone("g");  // subscribes to "t"
  commit("g", id, 1, {{{"t", 0}, at(5)}, {{"u", 0}, at(6)}});
  advance(5000ms);
  EXPECT_EQ(coordinator_.expire_offsets(), 1u);
  EXPECT_EQ(fetched({"t", 0}), 5);
  EXPECT_EQ(fetched({"u", 0}), -1);
  EXPECT_EQ(describe("g").group_state, "Stable");
  EXPECT_EQ(records_of(log_.appended.back()), strings{"tombstone offset g u-0"});
}

TEST_F(OffsetExpiryTest, AnExplicitExpireTimestampIsHonoured) {
  offset_and_metadata o = at(5);
  o.expire_timestamp_ms = clock_.wall_ms() + 500;
  commit("g", "", -1, {{{"t", 0}, o}});
  advance(499ms);
  EXPECT_EQ(coordinator_.expire_offsets(), 0u);
  advance(1ms);
  EXPECT_EQ(coordinator_.expire_offsets(), 1u);
}

TEST_F(OffsetExpiryTest, TheRetentionCheckRunsEveryCheckInterval) {
  config_.offsets_retention_ms = 1000;  // the check interval stays at its default, 600000
  commit("g", "", -1, {{{"t", 0}, at(5)}});
  advance_to(599999ms);
  EXPECT_EQ(fetched({"t", 0}), 5);
  advance_to(600000ms);
  EXPECT_EQ(fetched({"t", 0}), -1);
  commit("g", "", -1, {{{"t", 0}, at(6)}});
  advance_to(1199999ms);
  EXPECT_EQ(fetched({"t", 0}), 6);
  advance_to(1200000ms);
  EXPECT_EQ(fetched({"t", 0}), -1);
}

}  // namespace
}  // namespace kb::group::test
