// /isr_change_notification/isr_change_<seq> and /admin/delete_topics/<t>.
#include "zkmeta/znodes/isr_change_notification_znode.h"

#include <gtest/gtest.h>

#include "zkmeta/znodes/delete_topic_znode.h"

namespace kb::zkmeta {
namespace {

namespace seq = isr_change_notification_sequence_znode;

TEST(IsrChangeNotificationZnodeTest, Paths) {
  EXPECT_EQ(isr_change_notification_znode::path(), "/isr_change_notification");
  EXPECT_EQ(seq::path(), "/isr_change_notification/isr_change_");
  EXPECT_EQ(seq::path("0000000003"), "/isr_change_notification/isr_change_0000000003");
  EXPECT_EQ(seq::sequence_number("isr_change_0000000003"), "0000000003");
  EXPECT_EQ(seq::sequence_number("/isr_change_notification/isr_change_0000000042"), "0000000042");
}

TEST(IsrChangeNotificationZnodeTest, EncodesGoldenBytesAndRoundTrips) {
  const std::vector<kb::topic_partition> partitions = {{"t", 0}, {"t", 3}};
  const std::string json = seq::encode(partitions);
  EXPECT_EQ(json, R"({"version":1,"partitions":[{"topic":"t","partition":0},{"topic":"t","partition":3}]})");
  EXPECT_EQ(seq::decode(json).value(), partitions);
}

TEST(IsrChangeNotificationZnodeTest, MalformedPayloadsAreErrors) {
  EXPECT_EQ(seq::decode("").error(), znode_errc::malformed);
  EXPECT_EQ(seq::decode(R"({"version":1})").error(), znode_errc::missing_field);
  EXPECT_EQ(seq::decode(R"({"partitions":[{"topic":"t"}]})").error(), znode_errc::missing_field);
  EXPECT_EQ(seq::decode(R"({"partitions":[1]})").error(), znode_errc::wrong_type);
}

TEST(DeleteTopicZnodeTest, PathAndNullPayload) {
  EXPECT_EQ(delete_topics_znode::path(), "/admin/delete_topics");
  EXPECT_EQ(delete_topic_znode::path("orders"), "/admin/delete_topics/orders");
  EXPECT_EQ(delete_topic_znode::encode(), std::nullopt);
}

}  // namespace
}  // namespace kb::zkmeta
