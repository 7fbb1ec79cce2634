// /config/changes/config_change_<seq>: Kafka's v2 payload on write, v1 and v2 on read.
#include "zkmeta/znodes/config_change_notification_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

TEST(ConfigChangeNotificationZnodeTest, Paths) {
  EXPECT_EQ(config_changes_znode::path(), "/config/changes");
  EXPECT_EQ(config_change_notification_znode::path(), "/config/changes/config_change_");
  EXPECT_EQ(config_change_notification_znode::path("0000000007"), "/config/changes/config_change_0000000007");
  EXPECT_EQ(config_change_notification_znode::sequence_number("/config/changes/config_change_0000000007"),
            "0000000007");
  EXPECT_EQ(config_change_notification_znode::topic_entity_path("orders"), "topics/orders");
}

TEST(ConfigChangeNotificationZnodeTest, EncodesKafkaBytes) {
  EXPECT_EQ(config_change_notification_znode::encode("topics/test"), R"({"version":2,"entity_path":"topics/test"})");
}

TEST(ConfigChangeNotificationZnodeTest, DecodesV2AndV1) {
  EXPECT_EQ(config_change_notification_znode::decode(R"({"version":2,"entity_path":"users/u/clients/c"})").value(),
            "users/u/clients/c");
  EXPECT_EQ(
      config_change_notification_znode::decode(R"({"version":1,"entity_type":"topics","entity_name":"t"})").value(),
      "topics/t");
  EXPECT_EQ(config_change_notification_znode::decode(R"({"version":3,"entity_path":"x"})").error(),
            znode_errc::unsupported_version);
  EXPECT_EQ(config_change_notification_znode::decode(R"({"version":2})").error(), znode_errc::missing_field);
}

}  // namespace
}  // namespace kb::zkmeta
