// group_store::partition_for: a group lives in __consumer_offsets partition
// Utils.abs(groupId.hashCode) % offsets.topic.num.partitions, exactly as in Kafka, so that
// clients and other brokers agree on its coordinator.
#include <gtest/gtest.h>

#include "brokerd/group/group_store.h"
#include "tests/support/manual_clock.h"
#include "tests/unit/group/fake_offsets_log.h"

namespace kb::group {
namespace {

class PartitionForTest : public ::testing::Test {
 protected:
  int32_t partition_for(const std::string& group_id, int32_t partitions = 50) {
    store_.use_partition_count(partitions);
    return store_.partition_for(group_id);
  }

  kb::test::manual_clock clock_;
  group_config config_;
  test::fake_offsets_log log_;
  group_store store_{config_, log_, clock_};
};

TEST_F(PartitionForTest, NegativeHashesMapAsKafkaMapsThem) {
  EXPECT_EQ(partition_for("my-group"), 12);  // hashCode -1906497762
  EXPECT_EQ(partition_for("group1"), 40);    // hashCode -1237460590
}

TEST_F(PartitionForTest, PositiveHashesMapAsKafkaMapsThem) {
  EXPECT_EQ(partition_for("test-group"), 12);  // hashCode 627841412
  EXPECT_EQ(partition_for("g"), 3);            // hashCode 103
}

TEST_F(PartitionForTest, AHashOfIntegerMinValueMapsToPartitionZero) {
  // "polygenelubricants".hashCode() == Integer.MIN_VALUE, whose Utils.abs is 0.
  EXPECT_EQ(partition_for("polygenelubricants"), 0);
  EXPECT_EQ(partition_for("polygenelubricants", 7), 0);
}

TEST_F(PartitionForTest, NonAsciiIdsHashTheirUtf16CodeUnitsAsJavaDoes) {
  EXPECT_EQ(partition_for("gr\u00fcppe"), 12);  // hashCode -1233264812
  EXPECT_EQ(partition_for("g\U0001F600"), 32);  // a surrogate pair: hashCode 1871882
}

TEST_F(PartitionForTest, TheEmptyGroupIdMapsToPartitionZero) { EXPECT_EQ(partition_for(""), 0); }

TEST_F(PartitionForTest, ThePartitionCountIsTheModulus) {
  EXPECT_EQ(partition_for("my-group", 4), 2);  // 1906497762 % 4
  EXPECT_EQ(partition_for("my-group", 1), 0);
}


TEST_F(PartitionForTest, TheConfiguredCountServesUntilTheTopicsOwnIsKnown) {
  config_.offsets_topic_num_partitions = 50;
  group_store fresh{config_, log_, clock_};
  EXPECT_EQ(fresh.partition_for("group1"), 40);
  fresh.use_partition_count(7);  // __consumer_offsets was created with 7 partitions
  EXPECT_EQ(fresh.partition_for("group1"), 1237460590 % 7);
  fresh.use_partition_count(0);  // not a count: ignored
  EXPECT_EQ(fresh.partition_for("group1"), 1237460590 % 7);
}

}  // namespace
}  // namespace kb::group
