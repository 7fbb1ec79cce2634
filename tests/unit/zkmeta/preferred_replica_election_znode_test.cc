#include "zkmeta/znodes/preferred_replica_election_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

TEST(PreferredReplicaElectionZnodeTest, PathAndPayloadAreKafkas) {
  EXPECT_EQ(preferred_replica_election_znode::path(), "/admin/preferred_replica_election");
  EXPECT_EQ(preferred_replica_election_znode::encode({{"t", 0}, {"u", 2}}),
            R"({"version":1,"partitions":[{"topic":"t","partition":0},{"topic":"u","partition":2}]})");
}

TEST(PreferredReplicaElectionZnodeTest, DecodesKafkasPayloadIntoASortedSet) {
  auto d = preferred_replica_election_znode::decode(
      R"({"version":1,"partitions":[{"topic":"u","partition":2},{"topic":"t","partition":0},{"partition":2,"topic":"u"}]})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d.value(), (std::vector<kb::topic_partition>{{"t", 0}, {"u", 2}}));
}

TEST(PreferredReplicaElectionZnodeTest, RejectsMalformedPayloads) {
  EXPECT_FALSE(preferred_replica_election_znode::decode("not json"));
  EXPECT_FALSE(preferred_replica_election_znode::decode(R"({"version":1})"));
  EXPECT_FALSE(preferred_replica_election_znode::decode(R"({"partitions":[{"topic":"t"}]})"));
  EXPECT_FALSE(preferred_replica_election_znode::decode(R"({"partitions":[{"topic":"t","partition":"x"}]})"));
}

}  // namespace
}  // namespace kb::zkmeta
