#include "brokerd/tools/reset_offsets_plan.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using tp = kb::topic_partition;
using offsets = std::vector<std::pair<tp, int64_t>>;

const tp t0{"t", 0}, t1{"t", 1}, t2{"t", 2};

reset_inputs logs(std::initializer_list<std::pair<tp, log_offsets>> l) {
  reset_inputs in;
  for (const auto& [p, o] : l) in.log[p] = o;
  return in;
}

std::string usage_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const usage_error& e) {
    return e.what();
  }
  return "no usage error";
}

TEST(ResetOffsetsPlanTest, ToOffsetWithinRange) {
  const auto plan = plan_reset(reset_scenario::to_offset, 3, {t0, t1}, logs({{t0, {0, 5}}, {t1, {2, 9}}}));
  EXPECT_EQ(plan.offsets, (offsets{{t0, 3}, {t1, 3}}));
  EXPECT_TRUE(plan.warnings.empty());
}

TEST(ResetOffsetsPlanTest, ToOffsetAboveLogEndIsClampedWithAWarning) {
  const auto plan = plan_reset(reset_scenario::to_offset, 9, {t0}, logs({{t0, {0, 5}}}));
  EXPECT_EQ(plan.offsets, (offsets{{t0, 5}}));
  EXPECT_EQ(plan.warnings,
            std::vector<std::string>{"New offset (9) is higher than latest offset for topic partition t-0. Value will "
                                     "be set to 5"});
}

TEST(ResetOffsetsPlanTest, ToOffsetBelowLogStartIsClampedWithAWarning) {
  const auto plan = plan_reset(reset_scenario::to_offset, 1, {t0}, logs({{t0, {4, 8}}}));
  EXPECT_EQ(plan.offsets, (offsets{{t0, 4}}));
  EXPECT_EQ(plan.warnings,
            std::vector<std::string>{"New offset (1) is lower than earliest offset for topic partition t-0. Value will "
                                     "be set to 4"});
}

TEST(ResetOffsetsPlanTest, ToEarliestAndToLatest) {
  const reset_inputs in = logs({{t0, {2, 7}}, {t1, {0, 3}}});
  EXPECT_EQ(plan_reset(reset_scenario::to_earliest, 0, {t0, t1}, in).offsets, (offsets{{t0, 2}, {t1, 0}}));
  EXPECT_EQ(plan_reset(reset_scenario::to_latest, 0, {t0, t1}, in).offsets, (offsets{{t0, 7}, {t1, 3}}));
}

TEST(ResetOffsetsPlanTest, MissingLogOffsetExitsWithKafkasMessage) {
  EXPECT_EQ(usage_of([] { plan_reset(reset_scenario::to_earliest, 0, {t0}, {}); }),
            "Error getting starting offset of topic partition: t-0");
  EXPECT_EQ(usage_of([] { plan_reset(reset_scenario::to_latest, 0, {t0}, {}); }),
            "Error getting ending offset of topic partition: t-0");
}

TEST(ResetOffsetsPlanTest, ShiftByMovesTheCommittedOffsetAndClamps) {
  reset_inputs in = logs({{t0, {0, 10}}, {t1, {0, 10}}});
  in.committed = {{t0, 4}, {t1, 9}};
  EXPECT_EQ(plan_reset(reset_scenario::shift_by, -2, {t0, t1}, in).offsets, (offsets{{t0, 2}, {t1, 7}}));
  const auto plan = plan_reset(reset_scenario::shift_by, 5, {t0, t1}, in);
  EXPECT_EQ(plan.offsets, (offsets{{t0, 9}, {t1, 10}}));
  EXPECT_EQ(plan.warnings.size(), 1u);
}

TEST(ResetOffsetsPlanTest, ShiftByWithoutCommittedOffsetExits) {
  reset_inputs in = logs({{t0, {0, 10}}});
  EXPECT_EQ(usage_of([&] { plan_reset(reset_scenario::shift_by, 1, {t0}, in); }),
            "Cannot shift offset for partition t-0 since there is no current committed offset");
}

TEST(ResetOffsetsPlanTest, ToCurrentKeepsCommittedAndUsesLogEndOtherwise) {
  reset_inputs in = logs({{t1, {0, 6}}});
  in.committed = {{t0, 4}};
  // The committed partitions come first (Kafka's map concatenation).
  EXPECT_EQ(plan_reset(reset_scenario::to_current, 0, {t1, t0}, in).offsets, (offsets{{t0, 4}, {t1, 6}}));
}

TEST(ResetOffsetsPlanTest, ByTimeFallsBackToLogEndWithANotice) {
  reset_inputs in = logs({{t0, {0, 5}}, {t1, {0, 8}}});
  in.by_time = {{t0, 2}, {t1, -1}};
  const auto plan = plan_reset(reset_scenario::to_datetime, 0, {t0, t1}, in);
  EXPECT_EQ(plan.offsets, (offsets{{t0, 2}, {t1, 8}}));
  EXPECT_EQ(plan.notices,
            std::vector<std::string>{"\nWarn: Partition 1 from topic t is empty. Falling back to latest known offset."});
}

TEST(ResetOffsetsPlanTest, DuplicatePartitionsCountOnce) {
  EXPECT_EQ(plan_reset(reset_scenario::to_earliest, 0, {t0, t0}, logs({{t0, {1, 2}}})).offsets, (offsets{{t0, 1}}));
}

TEST(ResetOffsetsPlanTest, MoreThanFourPartitionsFollowScalasHashMapOrder) {
  std::vector<tp> partitions;
  reset_inputs in;
  for (int32_t p = 0; p < 6; ++p) {
    partitions.push_back({"t", p});
    in.log[{"t", p}] = {0, 1};
  }
  const auto plan = plan_reset(reset_scenario::to_earliest, 0, partitions, in);
  ASSERT_EQ(plan.offsets.size(), 6u);
  std::vector<tp> listed;
  for (const auto& [p, _] : plan.offsets) listed.push_back(p);
  EXPECT_NE(listed, partitions);  // a HashMap, no longer insertion order
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, partitions);
}

TEST(ResetOffsetsPlanTest, NoScenarioExitsWithKafkasListOfThem) {
  EXPECT_EQ(usage_of([] { plan_reset(reset_scenario::none, 0, {t0}, {}); }),
            "Option '[reset-offsets]' requires one of the following scenarios: HashSet([by-duration], [to-offset], "
            "[from-file], [to-datetime], [to-earliest], [to-current], [shift-by], [to-latest])");
}

TEST(ResetOffsetsPlanTest, TopicArgWithPartitions) {
  EXPECT_EQ(parse_topic_partitions_arg("t:0,2"), (std::vector<tp>{t0, t2}));
  EXPECT_EQ(parse_topic_partitions_arg("t:1,"), (std::vector<tp>{t1}));
  EXPECT_EQ(parse_topic_partitions_arg("t:+1"), (std::vector<tp>{t1}));
}

TEST(ResetOffsetsPlanTest, BadTopicArgsExitWithKafkasMessages) {
  EXPECT_EQ(usage_of([] { parse_topic_partitions_arg("t:x"); }), "Invalid partition 'x' specified in topic arg 't:x''");
  EXPECT_EQ(usage_of([] { parse_topic_partitions_arg("t:1,,2"); }),
            "Invalid partition '' specified in topic arg 't:1,,2''");
  EXPECT_EQ(usage_of([] { parse_topic_partitions_arg("t:1:2"); }),
            "Invalid topic arg 't:1:2', expected topic name and partitions");
  EXPECT_EQ(usage_of([] { parse_topic_partitions_arg("t:"); }),
            "Invalid topic arg 't:', expected topic name and partitions");
}

}  // namespace
}  // namespace kb::tools
