// /brokers/topics/<t>/partitions/<p>/state: golden bytes and decoding.
#include "zkmeta/znodes/partition_state_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

leader_and_isr state(int32_t leader, int32_t leader_epoch, std::vector<int32_t> isr, int32_t controller_epoch,
                     int32_t recovery = 0) {
  return {kb::broker_id{leader}, kb::leader_epoch{leader_epoch}, std::move(isr), kb::controller_epoch{controller_epoch},
          recovery};
}

TEST(PartitionStateZnodeTest, Paths) {
  EXPECT_EQ(topic_partitions_znode::path("t"), "/brokers/topics/t/partitions");
  EXPECT_EQ(topic_partition_znode::path("t", 3), "/brokers/topics/t/partitions/3");
  EXPECT_EQ(partition_state_znode::path("t", 3), "/brokers/topics/t/partitions/3/state");
}

TEST(PartitionStateZnodeTest, EncodesGoldenBytes) {
  EXPECT_EQ(partition_state_znode::encode(state(2, 0, {2, 3, 1}, 1)),
            R"({"controller_epoch":1,"leader":2,"version":1,"leader_epoch":0,"isr":[2,3,1]})");
  EXPECT_EQ(partition_state_znode::encode(state(-1, 5, {2}, 3)),
            R"({"controller_epoch":3,"leader":-1,"version":1,"leader_epoch":5,"isr":[2]})");
}

TEST(PartitionStateZnodeTest, RecoveryStateIsWrittenOnlyWhenRecovering) {
  EXPECT_EQ(partition_state_znode::encode(state(3, 7, {3}, 5, 1)),
            R"({"controller_epoch":5,"leader":3,"version":1,"leader_recovery_state":1,"leader_epoch":7,"isr":[3]})");
}

TEST(PartitionStateZnodeTest, DecodesInAnyKeyOrderAndRoundTrips) {
  auto s = partition_state_znode::decode(R"({"isr":[3],"leader_epoch":7,"version":1,"leader":3,"controller_epoch":5})");
  ASSERT_TRUE(s);
  EXPECT_EQ(s.value(), state(3, 7, {3}, 5));
  for (const auto& original : {state(2, 0, {2, 3, 1}, 1), state(3, 7, {3}, 5, 1), state(-1, 9, {}, 2)}) {
    EXPECT_EQ(partition_state_znode::decode(partition_state_znode::encode(original)).value(), original);
  }
}

TEST(PartitionStateZnodeTest, MalformedPayloadsAreErrors) {
  EXPECT_EQ(partition_state_znode::decode("null").error(), znode_errc::malformed);
  EXPECT_EQ(partition_state_znode::decode(R"({"leader":1,"leader_epoch":0,"controller_epoch":1})").error(),
            znode_errc::missing_field);
  EXPECT_EQ(partition_state_znode::decode(R"({"leader":1,"leader_epoch":0,"controller_epoch":1,"isr":"1"})").error(),
            znode_errc::wrong_type);
  EXPECT_EQ(partition_state_znode::decode(
                R"({"leader":1,"leader_epoch":0,"controller_epoch":1,"isr":[],"leader_recovery_state":2})")
                .error(),
            znode_errc::invalid_value);
}

}  // namespace
}  // namespace kb::zkmeta
