#include "brokerd/tools/topic_description.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

cluster_view three_brokers() {
  cluster_view c;
  c.brokers = {{0, "h", 1}, {1, "h", 2}, {2, "h", 3}};
  return c;
}

config_entry_view entry(const std::string& name, const std::string& value, bool is_default) {
  config_entry_view e;
  e.name = name;
  e.value = value;
  e.is_default = is_default;
  e.source = is_default ? RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG : RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG;
  return e;
}

TEST(TopicDescriptionTest, TopicLineWithoutOverrides) {
  topic_view t{"orders", RD_KAFKA_RESP_ERR_NO_ERROR, {{0, 1, {1, 2, 0}, {1, 2, 0}}, {1, 2, {2, 0, 1}, {2, 0, 1}}}};
  EXPECT_EQ(topic_line(t, {entry("retention.ms", "604800000", true)}),
            "Topic: orders\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: ");
}

TEST(TopicDescriptionTest, ConfigsListOnlyNonDefaultsInJavaHashMapOrder) {
  topic_view t{"t", RD_KAFKA_RESP_ERR_NO_ERROR, {{0, 0, {0}, {0}}}};
  const std::vector<config_entry_view> configs = {entry("retention.ms", "1000", false),
                                                  entry("segment.bytes", "1073741824", true),
                                                  entry("cleanup.policy", "compact", false)};
  EXPECT_EQ(topic_line(t, configs),
            "Topic: t\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: cleanup.policy=compact,retention.ms=1000");
}

TEST(TopicDescriptionTest, PartitionLine) {
  EXPECT_EQ(partition_line("orders", {0, 1, {1, 2, 0}, {1, 2}}, three_brokers()),
            "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,0\tIsr: 1,2");
}

TEST(TopicDescriptionTest, LeaderIsNoneWithoutALiveLeader) {
  EXPECT_EQ(partition_line("t", {3, -1, {1}, {}}, three_brokers()),
            "\tTopic: t\tPartition: 3\tLeader: none\tReplicas: 1\tIsr: ");
  EXPECT_EQ(partition_line("t", {3, 7, {7}, {7}}, three_brokers()),
            "\tTopic: t\tPartition: 3\tLeader: none\tReplicas: 7\tIsr: 7");
}

TEST(TopicDescriptionTest, PartitionReports) {
  const cluster_view c = three_brokers();
  const partition_view healthy{0, 0, {0, 1, 2}, {0, 1, 2}};
  const partition_view shrunk{1, 0, {0, 1, 2}, {0, 1}};
  const partition_view leaderless{2, -1, {0, 1, 2}, {0, 1, 2}};

  EXPECT_TRUE(partition_report{}.selects(healthy, 2, c));

  const partition_report under_replicated{true, false, false, false};
  EXPECT_FALSE(under_replicated.selects(healthy, 2, c));
  EXPECT_TRUE(under_replicated.selects(shrunk, 2, c));

  const partition_report unavailable{false, true, false, false};
  EXPECT_FALSE(unavailable.selects(shrunk, 2, c));
  EXPECT_TRUE(unavailable.selects(leaderless, 2, c));

  const partition_report under_min_isr{false, false, true, false};
  EXPECT_FALSE(under_min_isr.selects(shrunk, 2, c));
  EXPECT_TRUE(under_min_isr.selects(shrunk, 3, c));
  EXPECT_TRUE(under_min_isr.selects(leaderless, 1, c));

  const partition_report at_min_isr{false, false, false, true};
  EXPECT_TRUE(at_min_isr.selects(shrunk, 2, c));
  EXPECT_FALSE(at_min_isr.selects(healthy, 2, c));
  EXPECT_FALSE(at_min_isr.selects(healthy, std::nullopt, c));
}

}  // namespace
}  // namespace kb::tools
