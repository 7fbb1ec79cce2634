// /admin/reassign_partitions: Kafka's legacy reassignment request.
#include "zkmeta/znodes/reassign_partitions_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

namespace znode = reassign_partitions_znode;

TEST(ReassignPartitionsZnodeTest, Path) { EXPECT_EQ(znode::path(), "/admin/reassign_partitions"); }

TEST(ReassignPartitionsZnodeTest, EncodesKafkasGoldenBytesAndRoundTrips) {
  const std::vector<partition_reassignment> partitions = {{{"foo", 0}, {1, 2, 3}}, {{"bar", 2}, {3}}};
  const std::string json = znode::encode(partitions);
  EXPECT_EQ(json,
            R"({"version":1,"partitions":[{"topic":"foo","partition":0,"replicas":[1,2,3]},)"
            R"({"topic":"bar","partition":2,"replicas":[3]}]})");
  EXPECT_EQ(znode::decode(json).value(), partitions);
}

TEST(ReassignPartitionsZnodeTest, EmptyListEncodesAsAnEmptyArray) {
  EXPECT_EQ(znode::encode({}), R"({"version":1,"partitions":[]})");
  EXPECT_TRUE(znode::decode(R"({"version":1,"partitions":[]})").value().empty());
}

TEST(ReassignPartitionsZnodeTest, ToleratesLogDirsAndAMissingVersionLikeJackson) {
  auto decoded = znode::decode(R"({"partitions":[{"topic":"t","partition":1,"replicas":[2,1],"log_dirs":["any","any"]}]})");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), (std::vector<partition_reassignment>{{{"t", 1}, {2, 1}}}));
}

TEST(ReassignPartitionsZnodeTest, ADuplicatePartitionKeepsItsFirstPlaceAndLastReplicas) {
  auto decoded = znode::decode(
      R"({"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1]},)"
      R"({"topic":"t","partition":1,"replicas":[2]},{"topic":"t","partition":0,"replicas":[3]}]})");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), (std::vector<partition_reassignment>{{{"t", 0}, {3}}, {{"t", 1}, {2}}}));
}

TEST(ReassignPartitionsZnodeTest, MalformedPayloadsAreErrors) {
  EXPECT_EQ(znode::decode("not json").error(), znode_errc::malformed);
  EXPECT_EQ(znode::decode(R"({"version":1})").error(), znode_errc::missing_field);
  EXPECT_EQ(znode::decode(R"({"partitions":{}})").error(), znode_errc::wrong_type);
  EXPECT_EQ(znode::decode(R"({"partitions":[{"topic":"t","partition":0}]})").error(), znode_errc::missing_field);
  EXPECT_EQ(znode::decode(R"({"partitions":[{"topic":"t","replicas":[1]}]})").error(), znode_errc::missing_field);
  EXPECT_EQ(znode::decode(R"({"partitions":[{"topic":"t","partition":0,"replicas":["1"]}]})").error(),
            znode_errc::wrong_type);
}

}  // namespace
}  // namespace kb::zkmeta
