#include "brokerd/tools/log_dirs_options.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::optional<log_dirs_options> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kafka-log-dirs");
  return log_dirs_command_line().parse(static_cast<int>(args.size()), args.data());
}

std::string usage_error_of(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const usage_error& e) {
    return e.what();
  }
  return "no usage error";
}

TEST(LogDirsOptionsTest, EveryBrokerAndTopicByDefault) {
  const auto o = parse({"--bootstrap-server", "h:1", "--describe"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->bootstrap_server, "h:1");
  EXPECT_FALSE(o->brokers);
  EXPECT_TRUE(o->topics.empty());
  EXPECT_FALSE(o->command_config);
}

TEST(LogDirsOptionsTest, ListsSkipEmptyEntriesAsKafkaSplitDoes) {
  const auto o = parse({"--bootstrap-server=h:1", "--describe", "--broker-list", "2,,0,2", "--topic-list", "a,,b"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->brokers, (std::vector<int32_t>{2, 0})) << "each broker once, as Kafka's toSet";
  EXPECT_EQ(o->topics, (std::set<std::string>{"a", "b"}));
}

TEST(LogDirsOptionsTest, BootstrapServerAndDescribeAreRequired) {
  EXPECT_EQ(usage_error_of({"--describe"}), "Missing required argument \"[bootstrap-server]\"");
  EXPECT_EQ(usage_error_of({"--bootstrap-server", "h:1"}), "Missing required argument \"[describe]\"");
}

TEST(LogDirsOptionsTest, ABrokerIdThatIsNoNumberIsRefused) {
  EXPECT_EQ(usage_error_of({"--bootstrap-server", "h:1", "--describe", "--broker-list", "0,x"}),
            "For input string: \"x\"");
  EXPECT_EQ(usage_error_of({"--bootstrap-server", "h:1", "--describe", "--broker-list", "99999999999"}),
            "For input string: \"99999999999\"");
}

TEST(LogDirsOptionsTest, HelpAndNoArguments) {
  EXPECT_FALSE(parse({"--help"}));
  EXPECT_NE(usage_error_of({}), "no usage error");
}

}  // namespace
}  // namespace kb::tools
