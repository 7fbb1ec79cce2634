// A topic's effective settings: broker defaults with its /config/topics overrides.
#include "brokerd/cluster/topic_config.h"

#include <gtest/gtest.h>

#include <algorithm>

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


// Kafka 3.5's topic-level keys that the broker stores and reports without acting on them.
TEST(TopicConfigTest, EveryKeyKafkaAcceptsIsKnown) {
  for (const char* key : {"cleanup.policy", "compression.type", "delete.retention.ms", "file.delete.delay.ms",
                          "flush.messages", "flush.ms", "follower.replication.throttled.replicas",
                          "index.interval.bytes", "leader.replication.throttled.replicas", "max.compaction.lag.ms",
                          "max.message.bytes", "message.downconversion.enable", "message.format.version",
                          "message.timestamp.difference.max.ms", "message.timestamp.type", "min.cleanable.dirty.ratio",
                          "min.compaction.lag.ms", "min.insync.replicas", "preallocate", "retention.bytes",
                          "retention.ms", "segment.bytes", "segment.index.bytes", "segment.jitter.ms", "segment.ms",
                          "unclean.leader.election.enable"}) {
    EXPECT_NE(std::find(topic_config_keys().begin(), topic_config_keys().end(), key), topic_config_keys().end()) << key;
    EXPECT_TRUE(topic_config_default(topic_defaults{}, key).has_value()) << key;
  }
  EXPECT_EQ(topic_config_keys().size(), 26u);
}

TEST(TopicConfigTest, InertKeysSayWhyAndAppliedKeysDoNot) {
  EXPECT_EQ(topic_config_has_no_effect("delete.retention.ms"), "log compaction is not implemented");
  EXPECT_TRUE(topic_config_has_no_effect("message.format.version"));
  EXPECT_FALSE(topic_config_has_no_effect("retention.ms"));
  EXPECT_FALSE(topic_config_has_no_effect("min.insync.replicas"));
  EXPECT_FALSE(topic_config_has_no_effect("no.such.key"));
}

TEST(TopicConfigTest, InertKeysReportKafkasDefaults) {
  EXPECT_EQ(topic_config_default({}, "delete.retention.ms"), "86400000");
  EXPECT_EQ(topic_config_default({}, "min.cleanable.dirty.ratio"), "0.5");
  EXPECT_EQ(topic_config_default({}, "message.format.version"), "3.0-IV1");
  EXPECT_EQ(topic_config_default({}, "leader.replication.throttled.replicas"), "");
}

TEST(TopicConfigTest, LongKeysTakeKafkasBounds) {
  EXPECT_FALSE(validate_topic_config("delete.retention.ms", "0"));
  EXPECT_EQ(validate_topic_config("delete.retention.ms", "-1"),
            "Invalid value -1 for configuration delete.retention.ms: Value must be at least 0");
  EXPECT_EQ(validate_topic_config("max.compaction.lag.ms", "0"),
            "Invalid value 0 for configuration max.compaction.lag.ms: Value must be at least 1");
}

TEST(TopicConfigTest, TheDirtyRatioIsADoubleBetweenZeroAndOne) {
  EXPECT_FALSE(validate_topic_config("min.cleanable.dirty.ratio", "0.25"));
  EXPECT_FALSE(validate_topic_config("min.cleanable.dirty.ratio", "1"));
  EXPECT_EQ(validate_topic_config("min.cleanable.dirty.ratio", "1.5"),
            "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1");
  EXPECT_EQ(validate_topic_config("min.cleanable.dirty.ratio", "-0.1"),
            "Invalid value -0.1 for configuration min.cleanable.dirty.ratio: Value must be at least 0");
  EXPECT_EQ(validate_topic_config("min.cleanable.dirty.ratio", "half"),
            "Invalid value half for configuration min.cleanable.dirty.ratio: Not a number of type DOUBLE");
  EXPECT_TRUE(validate_topic_config("min.cleanable.dirty.ratio", ""));
}

TEST(TopicConfigTest, ThrottledReplicasAreAStarOrPartitionBrokerPairs) {
  for (const char* ok : {"*", "", "0:1", "0:1,1:2", " 0:1 , 3:0 ", "0:1,"}) {
    EXPECT_FALSE(validate_topic_config("leader.replication.throttled.replicas", ok)) << ok;
  }
  for (const char* bad : {"0", "a:1", "-1:0", "0:1:2", "**", "*,0:1"}) {
    EXPECT_TRUE(validate_topic_config("follower.replication.throttled.replicas", bad)) << bad;
  }
}

TEST(TopicConfigTest, AThrottledReplicaErrorNamesTheParsedListAndTheKey) {
  EXPECT_EQ(validate_topic_config("follower.replication.throttled.replicas", "0, a:1"),
            "Invalid value [0, a:1] for configuration follower.replication.throttled.replicas: "
            "follower.replication.throttled.replicas must be the literal '*' or a list of replicas in the following "
            "format: [partitionId]:[brokerId],[partitionId]:[brokerId],...");
}

TEST(TopicConfigTest, MessageFormatVersionNamesAKnownRelease) {
  for (const char* ok : {"0.10.2", "0.10.2.1", "0.11.0-IV2", "2.8", "2.8.1", "3.0-IV1", "3.5"}) {
    EXPECT_FALSE(validate_topic_config("message.format.version", ok)) << ok;
  }
  EXPECT_EQ(validate_topic_config("message.format.version", "9.9"),
            "Invalid value 9.9 for configuration message.format.version: Version 9.9 is not a valid version");
  for (const char* bad : {"", "2", "0.10", "latest", "3.0-IV9"}) {
    EXPECT_TRUE(validate_topic_config("message.format.version", bad)) << bad;
  }
}

TEST(TopicConfigTest, InertKeysLeaveTheEffectiveSettingsAlone) {
  topic_settings s = effective_topic_settings(with_retention(), {{"delete.retention.ms", "5"}, {"preallocate", "true"}});
  EXPECT_EQ(s.log.retention_ms, 1000);
  EXPECT_EQ(s.log.retention_bytes, 5000);
}

}  // namespace
}  // namespace kb::cluster
