// A topic's effective settings: broker defaults with its /config/topics overrides.
#include "brokerd/cluster/topic_config.h"

#include <gtest/gtest.h>

namespace kb::cluster {
namespace {

topic_defaults with_retention() {
  topic_defaults d;
  d.log.retention_ms = 1000;
  d.log.retention_bytes = 5000;
  return d;
}

TEST(TopicConfigTest, ADeleteTopicKeepsTheBrokersRetention) {
  topic_settings s = effective_topic_settings(with_retention(), {});
  EXPECT_EQ(s.log.retention_ms, 1000);
  EXPECT_EQ(s.log.retention_bytes, 5000);
}

TEST(TopicConfigTest, ACompactOnlyTopicHasNoTimeOrSizeRetention) {
  topic_settings s = effective_topic_settings(with_retention(), {{"cleanup.policy", "compact"}, {"retention.ms", "10"}});
  EXPECT_EQ(s.log.retention_ms, -1) << "its segments are never deleted by age";
  EXPECT_EQ(s.log.retention_bytes, -1);
}

TEST(TopicConfigTest, ACompactAndDeleteTopicKeepsItsRetention) {
  topic_settings s = effective_topic_settings(with_retention(), {{"cleanup.policy", "compact,delete"}, {"retention.ms", "10"}});
  EXPECT_EQ(s.log.retention_ms, 10);
}

}  // namespace
}  // namespace kb::cluster
