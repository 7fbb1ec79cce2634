// The tables and messages of kafka-consumer-groups, laid out as Kafka 3.5's ConsumerGroupCommand
// lays them out.
#include "brokerd/tools/consumer_group_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using tp = kb::topic_partition;

struct printed {
  std::ostringstream out, err;
};

offset_row row(const std::string& topic, const std::string& consumer) {
  offset_row r;
  r.group = "g";
  r.topic = topic;
  r.partition = "0";
  r.current_offset = "3";
  r.log_end_offset = "10";
  r.lag = "7";
  r.consumer_id = consumer;
  r.host = consumer == "-" ? "-" : "/127.0.0.1";
  r.client_id = consumer == "-" ? "-" : "c";
  return r;
}

TEST(ConsumerGroupReportTest, PadRightNeverCuts) {
  EXPECT_EQ(pad_right("ab", 4), "ab  ");
  EXPECT_EQ(pad_right("abcdef", 4), "abcdef");
}

TEST(ConsumerGroupReportTest, OffsetsTableWithMinimumWidths) {
  printed p;
  print_offsets(p.out, p.err, "g", "Stable", {row("orders", "-")});
  EXPECT_EQ(p.out.str(),
            "\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     "
            "HOST            CLIENT-ID\n"
            "g               orders          0          3               10              7               -               "
            "-               -\n");
  EXPECT_EQ(p.err.str(), "");
}

TEST(ConsumerGroupReportTest, OffsetsColumnsWidenToTheLongestValue) {
  const std::string topic = "a-rather-long-topic-name";        // 24
  const std::string consumer = "consumer-1-0123456789abcdef";  // 27
  printed p;
  print_offsets(p.out, p.err, "g", "Stable", {row(topic, consumer), row("t", "-")});
  const auto line = [&](const std::string& t, const std::string& partition, const std::string& current,
                        const std::string& end, const std::string& lag, const std::string& c, const std::string& h,
                        const std::string& client) {
    return pad_right(t == "TOPIC" ? "GROUP" : "g", 15) + " " + pad_right(t, topic.size()) + " " +
           pad_right(partition, 10) + " " + pad_right(current, 15) + " " + pad_right(end, 15) + " " +
           pad_right(lag, 15) + " " + pad_right(c, consumer.size()) + " " + pad_right(h, 15) + " " + client + "\n";
  };
  EXPECT_EQ(p.out.str(), "\n" +
                             line("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
                                  "CLIENT-ID") +
                             line(topic, "0", "3", "10", "7", consumer, "/127.0.0.1", "c") +
                             line("t", "0", "3", "10", "7", "-", "-", "-"));
}

TEST(ConsumerGroupReportTest, DeadGroupIsAnErrorOnStdout) {
  printed p;
  print_offsets(p.out, p.err, "nope", "Dead", {});
  EXPECT_EQ(p.out.str(), "\nError: Consumer group 'nope' does not exist.\n");
  EXPECT_EQ(p.err.str(), "");
}

TEST(ConsumerGroupReportTest, EmptyGroupIsANoteOnStderrAndStillShowsOffsets) {
  printed p;
  print_offsets(p.out, p.err, "g", "Empty", {row("t", "-")});
  EXPECT_EQ(p.err.str(), "\nConsumer group 'g' has no active members.\n");
  EXPECT_NE(p.out.str().find("\nGROUP "), std::string::npos);
}

TEST(ConsumerGroupReportTest, EmptyGroupWithoutOffsetsPrintsNoTable) {
  printed p;
  print_offsets(p.out, p.err, "g", "Empty", {});
  EXPECT_EQ(p.out.str(), "");
  EXPECT_EQ(p.err.str(), "\nConsumer group 'g' has no active members.\n");
}

TEST(ConsumerGroupReportTest, RebalancingGroupIsAWarning) {
  for (const char* state : {"PreparingRebalance", "CompletingRebalance"}) {
    printed p;
    print_offsets(p.out, p.err, "g", state, {});
    EXPECT_EQ(p.err.str(), "\nWarning: Consumer group 'g' is rebalancing.\n");
  }
}

TEST(ConsumerGroupReportTest, UnexpectedStateFails) {
  printed p;
  try {
    print_offsets(p.out, p.err, "g", "Unknown", {});
    FAIL() << "no error";
  } catch (const command_error& e) {
    EXPECT_STREQ(e.what(), "Expected a valid consumer group state, but found 'Unknown'.");
  }
}

group_view stable_group() {
  group_view g{"g", "Stable", "range", {0, "127.0.0.1", 9092}, {}};
  g.members.push_back({"c-1", "", "c", "/127.0.0.1", {{"t", 1}, {"s", 0}, {"t", 0}}});
  g.members.push_back({"c-2", "", "c", "/127.0.0.1", {}});
  return g;
}

TEST(ConsumerGroupReportTest, MembersTable) {
  printed p;
  print_members(p.out, p.err, stable_group(), false);
  EXPECT_EQ(p.out.str(),
            "\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     \n"
            "g               c-1             /127.0.0.1      c               3               \n"
            "g               c-2             /127.0.0.1      c               0               \n");
}

TEST(ConsumerGroupReportTest, VerboseMembersShowTheAssignment) {
  printed p;
  print_members(p.out, p.err, stable_group(), true);
  EXPECT_EQ(p.out.str(),
            "\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     ASSIGNMENT\n"
            "g               c-1             /127.0.0.1      c               3               s(0), t(0,1)\n"
            "g               c-2             /127.0.0.1      c               0               -\n");
}

TEST(ConsumerGroupReportTest, GroupInstanceIdColumnOnlyWhenUsed) {
  group_view g = stable_group();
  g.members[0].group_instance_id = "instance-1";
  printed p;
  print_members(p.out, p.err, g, false);
  EXPECT_EQ(p.out.str(),
            "\nGROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     \n"
            "g               c-1             instance-1        /127.0.0.1      c               3               \n"
            "g               c-2                               /127.0.0.1      c               0               \n");
}

TEST(ConsumerGroupReportTest, AssignmentTextSortsTopicsAndPartitions) {
  EXPECT_EQ(assignment_text({}), "-");
  EXPECT_EQ(assignment_text({{"b", 10}, {"a", 2}, {"b", 9}}), "a(2), b(9,10)");
}

TEST(ConsumerGroupReportTest, StateTable) {
  printed p;
  print_state(p.out, p.err, stable_group());
  EXPECT_EQ(p.out.str(),
            "\nGROUP                     COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           #MEMBERS\n"
            "g                         127.0.0.1:9092 (0)        range                Stable          2\n");
}

TEST(ConsumerGroupReportTest, StateTableWidensTheGroupColumnForALongCoordinator) {
  group_view g = stable_group();
  g.coordinator.host = "broker-with-a-long-name.example";
  printed p;
  print_state(p.out, p.err, g);
  const std::string coordinator = "broker-with-a-long-name.example:9092 (0)";
  EXPECT_EQ(p.out.str(), "\n" + pad_right("GROUP", coordinator.size()) + " COORDINATOR (ID)          " +
                             "ASSIGNMENT-STRATEGY  STATE           #MEMBERS\n" + pad_right("g", coordinator.size()) +
                             " " + coordinator + " range                Stable          2\n");
}

TEST(ConsumerGroupReportTest, StateOfAnEmptyGroupIsPrintedAfterTheNote) {
  group_view g{"g", "Empty", "", {1, "h", 1}, {}};
  printed p;
  print_state(p.out, p.err, g);
  EXPECT_EQ(p.err.str(), "\nConsumer group 'g' has no active members.\n");
  EXPECT_NE(p.out.str().find("Empty"), std::string::npos);
}

TEST(ConsumerGroupReportTest, ListWithStates) {
  std::ostringstream out;
  print_group_states(out, {{"g", "Stable"}, {"a-group-with-a-long-name", "Empty"}});
  EXPECT_EQ(out.str(),
            "GROUP                    STATE\n"
            "g                        Stable\n"
            "a-group-with-a-long-name Empty\n");
  std::ostringstream none;
  print_group_states(none, {});
  EXPECT_EQ(none.str(), "GROUP           STATE\n");
}

TEST(ConsumerGroupReportTest, ResetPlan) {
  std::ostringstream out;
  print_reset_plan(out, {{"g", {{{"t", 0}, 5}}}, {"h", {}}});
  EXPECT_EQ(out.str(),
            "\nGROUP                          TOPIC                          PARTITION  NEW-OFFSET     \n"
            "g                              t                              0          5              \n");
  std::ostringstream nothing;
  print_reset_plan(nothing, {});
  EXPECT_EQ(nothing.str(), "");
}

TEST(ConsumerGroupReportTest, OffsetDeletionsSortedByTopicAndPartitionText) {
  std::ostringstream out;
  print_offset_deletions(out, {{{"t", 10}, std::nullopt}, {{"t", 2}, "x: y"}, {{"missing", -1}, "e: m"}});
  EXPECT_EQ(out.str(),
            "\nTOPIC                          PARTITION       STATUS         \n"
            "missing                        Not Provided    Error: e: m    \n"
            "t                              10              Successful     \n"
            "t                              2               Error: x: y    \n");
}

TEST(ConsumerGroupReportTest, AllGroupsDeleted) {
  std::ostringstream out;
  print_group_deletions(out, {{"a", std::nullopt}, {"b", std::nullopt}});
  EXPECT_EQ(out.str(), "Deletion of requested consumer groups ('a', 'b') was successful.\n");
  std::ostringstream none;
  print_group_deletions(none, {});
  EXPECT_EQ(none.str(), "Deletion of requested consumer groups ('') was successful.\n");
}

TEST(ConsumerGroupReportTest, SomeGroupsNotDeleted) {
  std::ostringstream out;
  print_group_deletions(out, {{"a", std::nullopt},
                              {"b", "org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty."}});
  EXPECT_EQ(out.str(),
            "\nError: Deletion of some consumer groups failed:\n"
            "* Group 'b' could not be deleted due to: java.util.concurrent.ExecutionException: "
            "org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n"
            "\nThese consumer groups were deleted successfully: 'a'\n");
}

}  // namespace
}  // namespace kb::tools
