// /log_dir_event_notification/log_dir_event_<seq>.
#include "zkmeta/znodes/log_dir_event_notification_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

namespace seq = log_dir_event_notification_sequence_znode;

TEST(LogDirEventNotificationZnodeTest, Paths) {
  EXPECT_EQ(log_dir_event_notification_znode::path(), "/log_dir_event_notification");
  EXPECT_EQ(seq::path(), "/log_dir_event_notification/log_dir_event_");
  EXPECT_EQ(seq::path("0000000007"), "/log_dir_event_notification/log_dir_event_0000000007");
}

TEST(LogDirEventNotificationZnodeTest, EncodesKafkasBytesAndRoundTrips) {
  EXPECT_EQ(seq::encode(3), R"({"version":1,"broker":3,"event":1})");
  EXPECT_EQ(seq::decode(seq::encode(3)).value(), 3);
}

TEST(LogDirEventNotificationZnodeTest, ReadsOnlyTheBrokerAsKafkaDoes) {
  EXPECT_EQ(seq::decode(R"({"broker":12})").value(), 12);
  EXPECT_EQ(seq::decode(R"({"version":2,"broker":5,"event":9,"extra":"x"})").value(), 5);
}

TEST(LogDirEventNotificationZnodeTest, MalformedPayloadsAreErrors) {
  EXPECT_EQ(seq::decode("").error(), znode_errc::malformed);
  EXPECT_EQ(seq::decode("[1]").error(), znode_errc::malformed);
  EXPECT_EQ(seq::decode(R"({"version":1,"event":1})").error(), znode_errc::missing_field);
  EXPECT_EQ(seq::decode(R"({"broker":"1"})").error(), znode_errc::wrong_type);
  EXPECT_EQ(seq::decode(R"({"broker":4294967296})").error(), znode_errc::invalid_value);
}

}  // namespace
}  // namespace kb::zkmeta
