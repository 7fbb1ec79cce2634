// /brokers/topics/<t>: v3 JSON with the 2.13 hash order of the partition maps, and v1/v2/2.12
// payloads on read.
#include "zkmeta/znodes/topic_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

TEST(TopicZnodeTest, Paths) {
  EXPECT_EQ(topics_znode::path(), "/brokers/topics");
  EXPECT_EQ(topic_znode::path("orders"), "/brokers/topics/orders");
}

TEST(TopicZnodeTest, EncodesKafka213GoldenBytes) {
  topic_assignment t;
  t.topic_id = "DNNwhXqQCOW61shM7zZ2Q";
  t.partitions = {{0, {1, 0, 2}}, {1, {0, 2, 1}}, {2, {2, 1, 0}}};
  EXPECT_EQ(topic_znode::encode(t),
            R"({"partitions":{"0":[1,0,2],"1":[0,2,1],"2":[2,1,0]},"topic_id":"DNNwhXqQCOW61shM7zZ2Q",)"
            R"("adding_replicas":{},"removing_replicas":{},"version":3})");
}

TEST(TopicZnodeTest, OmitsTopicIdWhenAbsent) {
  topic_assignment t;
  t.partitions = {{0, {1}}};
  EXPECT_EQ(topic_znode::encode(t),
            R"({"partitions":{"0":[1]},"adding_replicas":{},"removing_replicas":{},"version":3})");
}

TEST(TopicZnodeTest, TwelvePartitionsComeOutInScala213HashOrder) {
  topic_assignment t;
  t.topic_id = "x";
  for (int32_t p = 0; p < 12; ++p) t.partitions[p] = {p % 3};
  EXPECT_EQ(topic_znode::encode(t),
            R"({"partitions":{"11":[2],"0":[0],"1":[1],"2":[2],"3":[0],"4":[1],"5":[2],"6":[0],"7":[1],"8":[2],)"
            R"("9":[0],"10":[1]},"topic_id":"x","adding_replicas":{},"removing_replicas":{},"version":3})");
}

TEST(TopicZnodeTest, ReassignmentFillsAddingAndRemoving) {
  topic_assignment t;
  t.topic_id = "id";
  t.partitions = {{0, {4, 5, 6, 1, 2, 3}}};
  t.adding_replicas = {{0, {4, 5, 6}}};
  t.removing_replicas = {{0, {1, 2, 3}}};
  const std::string json = topic_znode::encode(t);
  EXPECT_EQ(json, R"({"partitions":{"0":[4,5,6,1,2,3]},"topic_id":"id","adding_replicas":{"0":[4,5,6]},)"
                  R"("removing_replicas":{"0":[1,2,3]},"version":3})");
  EXPECT_EQ(topic_znode::decode(json).value(), t);
}

TEST(TopicZnodeTest, DecodesTheScala212KeyOrder) {
  auto t = topic_znode::decode(R"({"removing_replicas":{},"partitions":{"2":[2,1],"1":[1,3],"0":[3,2]},)"
                               R"("topic_id":"RSZ--odYRlSOPGRgukKnAQ","adding_replicas":{},"version":3})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().topic_id, "RSZ--odYRlSOPGRgukKnAQ");
  EXPECT_EQ(t.value().partitions, (replica_assignment{{0, {3, 2}}, {1, {1, 3}}, {2, {2, 1}}}));
  EXPECT_TRUE(t.value().adding_replicas.empty());
}

TEST(TopicZnodeTest, DecodesOlderVersions) {
  auto v1 = topic_znode::decode(R"({"version":1,"partitions":{"0":[1,2],"1":[2,1]}})");
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1.value().version, 1);
  EXPECT_EQ(v1.value().topic_id, std::nullopt);
  EXPECT_EQ(v1.value().partitions.size(), 2u);
  auto v2 = topic_znode::decode(R"({"version":2,"partitions":{"0":[1]},"adding_replicas":{},"removing_replicas":{}})");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2.value().version, 2);
}

TEST(TopicZnodeTest, RoundTripsManyPartitions) {
  topic_assignment t;
  t.topic_id = "DNNwhXqQCOW61shM7zZ2Q";
  for (int32_t p = 0; p < 100; ++p) t.partitions[p] = {p % 5, (p + 1) % 5};
  EXPECT_EQ(topic_znode::decode(topic_znode::encode(t)).value(), t);
}

TEST(TopicZnodeTest, MalformedPayloadsAreErrors) {
  EXPECT_EQ(topic_znode::decode("").error(), znode_errc::malformed);
  EXPECT_EQ(topic_znode::decode(R"({"version":3})").error(), znode_errc::missing_field);
  EXPECT_EQ(topic_znode::decode(R"({"partitions":[]})").error(), znode_errc::wrong_type);
  EXPECT_EQ(topic_znode::decode(R"({"partitions":{"a":[1]}})").error(), znode_errc::invalid_value);
  EXPECT_EQ(topic_znode::decode(R"({"partitions":{"-1":[1]}})").error(), znode_errc::invalid_value);
  EXPECT_EQ(topic_znode::decode(R"({"partitions":{"0":["1"]}})").error(), znode_errc::wrong_type);
  EXPECT_EQ(topic_znode::decode(R"({"partitions":{"0":1}})").error(), znode_errc::wrong_type);
  EXPECT_EQ(topic_znode::decode(R"({"partitions":{},"topic_id":5})").error(), znode_errc::wrong_type);
}

}  // namespace
}  // namespace kb::zkmeta
