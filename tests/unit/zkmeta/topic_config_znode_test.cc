// /config/topics/<t>: {"version":1,"config":{...}} with java.util.Properties key order.
#include "zkmeta/znodes/topic_config_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

TEST(TopicConfigZnodeTest, Paths) {
  EXPECT_EQ(config_topics_znode::path(), "/config/topics");
  EXPECT_EQ(topic_config_znode::path("test"), "/config/topics/test");
}

TEST(TopicConfigZnodeTest, EncodesGoldenBytes) {
  EXPECT_EQ(topic_config_znode::encode({{"flush.messages", "1"}}), R"({"version":1,"config":{"flush.messages":"1"}})");
  EXPECT_EQ(topic_config_znode::encode({}), R"({"version":1,"config":{}})");
}

TEST(TopicConfigZnodeTest, ConsumerOffsetsConfigInJava11Order) {
  EXPECT_EQ(topic_config_znode::encode(
                {{"cleanup.policy", "compact"}, {"segment.bytes", "104857600"}, {"compression.type", "producer"}}),
            R"({"version":1,"config":{"compression.type":"producer","cleanup.policy":"compact",)"
            R"("segment.bytes":"104857600"}})");
}

TEST(TopicConfigZnodeTest, LaterDuplicateOverridesValue) {
  EXPECT_EQ(topic_config_znode::encode({{"retention.ms", "1"}, {"retention.ms", "2"}}),
            R"({"version":1,"config":{"retention.ms":"2"}})");
}

TEST(TopicConfigZnodeTest, DecodeKeepsFileOrder) {
  // Java 8 (Hashtable) order, as older brokers wrote it.
  auto c = topic_config_znode::decode(
      R"({"version":1,"config":{"segment.bytes":"104857600","compression.type":"producer",)"
      R"("cleanup.policy":"compact"}})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c.value(), (config_entries{{"segment.bytes", "104857600"},
                                       {"compression.type", "producer"},
                                       {"cleanup.policy", "compact"}}));
}

TEST(TopicConfigZnodeTest, MalformedPayloadsAreErrors) {
  EXPECT_EQ(topic_config_znode::decode("x").error(), znode_errc::malformed);
  EXPECT_EQ(topic_config_znode::decode(R"({"version":1})").error(), znode_errc::missing_field);
  EXPECT_EQ(topic_config_znode::decode(R"({"version":1,"config":[]})").error(), znode_errc::wrong_type);
  EXPECT_EQ(topic_config_znode::decode(R"({"version":1,"config":{"a":1}})").error(), znode_errc::wrong_type);
}

}  // namespace
}  // namespace kb::zkmeta
