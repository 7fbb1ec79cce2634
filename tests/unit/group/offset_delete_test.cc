// OffsetDelete (Kafka's handleDeleteOffsets): any offset of an Empty group; of a live
// consumer group only those of topics it does not subscribe to; none of a live group of
// another protocol type.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using strings = std::vector<std::string>;

class OffsetDeleteTest : public CoordinatorTest {
 protected:
  const topic_partition t0{"t", 0};
  const topic_partition u0{"u", 0};

  int64_t fetched(const topic_partition& tp) {
    return coordinator_.fetch_offsets("g", std::vector<topic_partition>{tp}).second.at(tp).offset;
  }
};

TEST_F(OffsetDeleteTest, DeletingOffsetsOfAnEmptyGroupRemovesThemAndWritesTombstones) {
  commit("g", "", -1, {{t0, at(1)}, {u0, at(2)}});
  auto [error, partitions] = coordinator_.delete_offsets("g", {t0});
  EXPECT_EQ(error, error_code::none);
  EXPECT_EQ(partitions.at(t0), error_code::none);
  EXPECT_EQ(fetched(t0), -1);
  EXPECT_EQ(fetched(u0), 2);
  EXPECT_EQ(records_of(log_.appended.back()), strings{"tombstone offset g t-0"});
}

TEST_F(OffsetDeleteTest, APartitionWithoutAnOffsetIsAnsweredNone) {
  commit("g", "", -1, {{t0, at(1)}});
  auto [error, partitions] = coordinator_.delete_offsets("g", {u0});
  EXPECT_EQ(error, error_code::none);
  EXPECT_EQ(partitions.at(u0), error_code::none);
  EXPECT_EQ(fetched(t0), 1);
}

TEST_F(OffsetDeleteTest, DeletingTheLastOffsetOfAnOffsetsOnlyGroupDeletesTheGroup) {
  commit("g", "", -1, {{t0, at(1)}});
  coordinator_.delete_offsets("g", {t0});
  EXPECT_EQ(describe("g").group_state, "Dead");
  EXPECT_EQ(records_of(log_.appended.back()), strings{"tombstone offset g t-0"}) << "generation 0: no group tombstone";
}

TEST_F(OffsetDeleteTest, ALiveConsumerGroupKeepsOffsetsOfTopicsItSubscribesTo) {
  const std::string id = join_alone("g");  // subscribes to "t"
  commit("g", id, 1, {{t0, at(1)}, {u0, at(2)}});
  auto [error, partitions] = coordinator_.delete_offsets("g", {t0, u0});
  EXPECT_EQ(error, error_code::none);
  EXPECT_EQ(partitions.at(t0), error_code::group_subscribed_to_topic);
  EXPECT_EQ(partitions.at(u0), error_code::none);
  EXPECT_EQ(fetched(t0), 1);
  EXPECT_EQ(fetched(u0), -1);
}

TEST_F(OffsetDeleteTest, AConsumerGroupWithAnUnparsableSubscriptionKeepsEveryOffset) {
  join_request r = join_of("g");
  r.protocols = {{"range", {std::byte{1}}}};
  const std::string id = form_group("g", {r}).leader();
  commit("g", id, 1, {{u0, at(2)}});
  auto [error, partitions] = coordinator_.delete_offsets("g", {u0});
  EXPECT_EQ(error, error_code::none);
  EXPECT_EQ(partitions.at(u0), error_code::group_subscribed_to_topic);
}

TEST_F(OffsetDeleteTest, ALiveGroupOfAnotherProtocolTypeIsNonEmptyGroup) {
  join_request r = join_of("g");
  r.protocol_type = "connect";
  const std::string id = form_group("g", {r}).leader();
  commit("g", id, 1, {{u0, at(2)}});
  auto [error, partitions] = coordinator_.delete_offsets("g", {u0});
  EXPECT_EQ(error, error_code::non_empty_group);
  EXPECT_TRUE(partitions.empty());
  EXPECT_EQ(fetched(u0), 2);
}

TEST_F(OffsetDeleteTest, AnEmptyGroupOfAnotherProtocolTypeLosesItsOffsets) {
  join_request r = join_of("g");
  r.protocol_type = "connect";
  const std::string id = form_group("g", {r}).leader();
  commit("g", id, 1, {{u0, at(2)}});
  coordinator_.leave_group("g", {{id, std::nullopt}});
  auto [error, partitions] = coordinator_.delete_offsets("g", {u0});
  EXPECT_EQ(error, error_code::none);
  EXPECT_EQ(partitions.at(u0), error_code::none);
}

TEST_F(OffsetDeleteTest, AnUnknownGroupIsGroupIdNotFound) {
  auto [error, partitions] = coordinator_.delete_offsets("nobody", {t0});
  EXPECT_EQ(error, error_code::group_id_not_found);
  EXPECT_TRUE(partitions.empty());
}

TEST_F(OffsetDeleteTest, AGroupNotLedHereIsNotCoordinator) {
  coordinator_.on_resignation(coordinator_.partition_for("g"));
  EXPECT_EQ(coordinator_.delete_offsets("g", {t0}).first, error_code::not_coordinator);
}

TEST_F(OffsetDeleteTest, AnEmptyGroupIdIsInvalidGroupId) {
  EXPECT_EQ(coordinator_.delete_offsets("", {t0}).first, error_code::invalid_group_id);
}

}  // namespace
}  // namespace kb::group::test
