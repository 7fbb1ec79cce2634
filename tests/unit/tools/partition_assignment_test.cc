#include "brokerd/tools/partition_assignment.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

cluster_view sample() {
  cluster_view c;
  c.brokers = {{0, "h", 1}};
  c.topics = {{"__consumer_offsets", RD_KAFKA_RESP_ERR_NO_ERROR, {{0, 0, {0}, {0}}}},
              {"orders", RD_KAFKA_RESP_ERR_NO_ERROR, {{0, 0, {0}, {0}}, {1, 0, {0}, {0}}}},
              {"orders-v2", RD_KAFKA_RESP_ERR_NO_ERROR, {{0, 0, {0}, {0}}}}};
  return c;
}

TEST(PartitionAssignmentTest, EveryPartitionOfTheTopic) {
  const auto plan = plan_assignment(sample(), "orders", std::nullopt, std::nullopt, RD_KAFKA_OFFSET_BEGINNING);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].topic, "orders");
  EXPECT_EQ(plan[0].partition, 0);
  EXPECT_EQ(plan[1].partition, 1);
  EXPECT_EQ(plan[1].offset, RD_KAFKA_OFFSET_BEGINNING);
}

TEST(PartitionAssignmentTest, OnePartitionAtAnOffset) {
  const auto plan = plan_assignment(sample(), "orders", std::nullopt, 1, 17);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].partition, 1);
  EXPECT_EQ(plan[0].offset, 17);
  EXPECT_THROW(plan_assignment(sample(), "orders", std::nullopt, 5, 0), command_error);
}

TEST(PartitionAssignmentTest, MissingTopicGivesNothingToReadYet) {
  EXPECT_TRUE(plan_assignment(sample(), "nope", std::nullopt, std::nullopt, RD_KAFKA_OFFSET_END).empty());
}

TEST(PartitionAssignmentTest, IncludeMatchesTopicsButNotInternalOnes) {
  const auto plan = plan_assignment(sample(), std::nullopt, ".*", std::nullopt, RD_KAFKA_OFFSET_END);
  ASSERT_EQ(plan.size(), 3u);
  for (const auto& p : plan) EXPECT_NE(p.topic, "__consumer_offsets");
}

}  // namespace
}  // namespace kb::tools
