#include "brokerd/tools/reassignment_json.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using ids = std::vector<int32_t>;

template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const command_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReassignmentJsonTest, ParsesKafkasFileWithAndWithoutLogDirs) {
  auto file = parse_reassignment_json(
      R"({"version":1,"partitions":[{"topic":"foo","partition":1,"replicas":[1,2],"log_dirs":["any","/d"]},)"
      R"({"topic":"bar","partition":0,"replicas":[3]}]})");
  ASSERT_EQ(file.partitions.size(), 2u);
  EXPECT_EQ(file.partitions[0].first, (kb::topic_partition{"foo", 1}));
  EXPECT_EQ(file.partitions[0].second, (ids{1, 2}));
  EXPECT_EQ(file.partitions[1].second, (ids{3}));
  EXPECT_EQ(file.log_dirs, (std::map<std::string, std::string>{{"foo-1-2", "/d"}}));
  EXPECT_TRUE(parse_reassignment_json(R"({"partitions":[]})").partitions.empty());  // version defaults to 1
}

TEST(ReassignmentJsonTest, BadFilesFailWithKafkasMessages) {
  EXPECT_EQ(error_of([] { parse_reassignment_json("{"); }), "The input string is not a valid JSON");
  EXPECT_EQ(error_of([] { parse_reassignment_json(R"({"version":2,"partitions":[]})"); }),
            "Not supported version field value 2");
  EXPECT_EQ(error_of([] { parse_reassignment_json(R"({"partitions":[{"partition":0,"replicas":[1]}]})"); }),
            "No such field exists: `topic`");
  EXPECT_EQ(error_of([] { parse_reassignment_json(R"({"partitions":[{"topic":"t","partition":"0","replicas":[1]}]})"); }),
            "Expected `Int` value, received \"0\"");
  EXPECT_EQ(error_of([] {
              parse_reassignment_json(R"({"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any"]}]})");
            }),
            "Size of replicas list List(1, 2) is different from size of log dirs list List(any) for partition t-0");
}

TEST(ReassignmentJsonTest, ExecuteTargetsAreValidatedAsKafkaDoes) {
  auto targets = [](const std::string& json) { return validate_execute_targets(parse_reassignment_json(json)); };
  EXPECT_EQ(error_of([&] { targets(R"({"partitions":[]})"); }), "Partition reassignment list cannot be empty");
  EXPECT_EQ(error_of([&] { targets(R"({"partitions":[{"topic":"t","partition":0,"replicas":[]}]})"); }),
            "Partition replica list cannot be empty");
  EXPECT_EQ(error_of([&] {
              targets(R"({"partitions":[{"topic":"t","partition":0,"replicas":[1]},{"topic":"t","partition":0,"replicas":[2]}]})");
            }),
            "Partition reassignment contains duplicate topic partitions: t-0");
  EXPECT_EQ(error_of([&] { targets(R"({"partitions":[{"topic":"t","partition":0,"replicas":[1,2,1]}]})"); }),
            "Partition replica lists may not contain duplicate entries: t-0 contains multiple entries for 1");
  auto ok = targets(R"({"partitions":[{"topic":"t","partition":1,"replicas":[2,1]},{"topic":"a","partition":0,"replicas":[1]}]})");
  EXPECT_EQ(ok, (partition_replicas{{{"a", 0}, {1}}, {{"t", 1}, {2, 1}}}));
}

TEST(ReassignmentJsonTest, TopicsToMoveAndBrokerList) {
  EXPECT_EQ(parse_topics_to_move(R"({"topics":[{"topic":"foo"},{"topic":"bar"}],"version":1})"),
            (std::vector<std::string>{"foo", "bar"}));
  EXPECT_EQ(error_of([] { parse_topics_to_move(R"({"topics":[{"topic":"foo"},{"topic":"foo"}]})"); }),
            "List of topics to reassign contains duplicate entries: foo");
  EXPECT_EQ(parse_broker_list("0,1,2"), (ids{0, 1, 2}));
  EXPECT_EQ(error_of([] { parse_broker_list("0,1,1"); }), "Broker list contains duplicate entries: 1");
  EXPECT_EQ(error_of([] { parse_broker_list("0,x"); }), "For input string: \"x\"");
}

TEST(ReassignmentJsonTest, FormatsAsKafkaPrints) {
  partition_replicas parts{{{"t", 1}, {2, 3}}, {{"a", 0}, {1}}};
  EXPECT_EQ(format_reassignment_json(parts),
            R"({"version":1,"partitions":[{"topic":"a","partition":0,"replicas":[1],"log_dirs":["any"]},)"
            R"({"topic":"t","partition":1,"replicas":[2,3],"log_dirs":["any","any"]}]})");
  EXPECT_EQ(current_assignment_text({{{"t", 1}, {9}}}, parts),
            "Current partition replica assignment\n\n"
            R"({"version":1,"partitions":[{"topic":"t","partition":1,"replicas":[2,3],"log_dirs":["any","any"]}]})"
            "\n\nSave this to use as the --reassignment-json-file option during rollback");
  EXPECT_EQ(started_text({{{"t", 0}, {1}}}), "Successfully started partition reassignment for t-0");
  EXPECT_EQ(started_text(parts), "Successfully started partition reassignments for a-0,t-1");
}

TEST(ReassignmentJsonTest, StatusLinesPerPartitionSorted) {
  std::map<kb::topic_partition, reassignment_state> states{
      {{"t", 1}, {{1, 2}, {1, 2}, true}}, {{"t", 0}, {{1, 2}, {3}, false}}, {{"s", 0}, {{1}, {2}, true}}};
  EXPECT_EQ(reassignment_status_text(states, false),
            "Status of partition reassignment:\n"
            "There is no active reassignment of partition s-0, but replica set is 1 rather than 2.\n"
            "Reassignment of partition t-0 is still in progress.\n"
            "Reassignment of partition t-1 is completed.");
  const std::string zookeeper_wording = reassignment_status_text(states, true);  // Kafka 2.x
  EXPECT_NE(zookeeper_wording.find("Reassignment of partition t-1 is complete."), std::string::npos);
  EXPECT_EQ(zookeeper_wording.find("completed"), std::string::npos);
  EXPECT_EQ(clearing_throttles_text({0, 1}, {"t"}),
            "Clearing broker-level throttles on brokers 0,1\nClearing topic-level throttles on topic t");
  EXPECT_EQ(clearing_throttles_text({0}, {"a", "b"}),
            "Clearing broker-level throttles on broker 0\nClearing topic-level throttles on topics a,b");
}

TEST(ReassignmentJsonTest, ListAndCancelTexts) {
  EXPECT_EQ(list_text({}), "No partition reassignments found.");
  EXPECT_EQ(list_text({{{"t", 0}, {{2, 3, 0, 1}, {2, 3}, {0, 1}}}, {{"t", 1}, {{1, 2}, {}, {3}}}}),
            "Current partition reassignments:\n"
            "t-0: replicas: 2,3,0,1. adding: 2,3. removing: 0,1.\n"
            "t-1: replicas: 1,2. removing: 3.");
  EXPECT_EQ(cancelled_text({{"t", 0}}), "Successfully cancelled partition reassignment for: t-0");
  EXPECT_EQ(cancelled_text({{"a", 1}, {"t", 0}}), "Successfully cancelled partition reassignments for: a-1,t-0");
}

}  // namespace
}  // namespace kb::tools
