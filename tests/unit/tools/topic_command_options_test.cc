#include "brokerd/tools/topic_command_options.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::optional<topic_command_options> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kafka-topics");
  return topic_command_line().parse(static_cast<int>(args.size()), args.data());
}

std::string usage_message(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const usage_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(TopicCommandOptionsTest, Create) {
  const auto o = parse({"--bootstrap-server", "h:1", "--create", "--topic", "t", "--partitions", "3",
                        "--replication-factor", "2", "--config", "a=1", "--config=b=2", "--if-not-exists"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->action, topic_action::create);
  EXPECT_EQ(o->bootstrap_server, "h:1");
  EXPECT_EQ(o->topic, "t");
  EXPECT_EQ(o->partitions, 3);
  EXPECT_EQ(o->replication_factor, 2);
  EXPECT_EQ(o->configs, (std::vector<std::string>{"a=1", "b=2"}));
  EXPECT_TRUE(o->if_not_exists);
}

TEST(TopicCommandOptionsTest, UnambiguousPrefixesAreAccepted) {
  const auto o = parse({"--bootstrap", "h:1", "--desc", "--exclude-internal"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->action, topic_action::describe);
  EXPECT_FALSE(o->topic);
}

TEST(TopicCommandOptionsTest, HelpIsNotAnError) { EXPECT_FALSE(parse({"--help"})); }

TEST(TopicCommandOptionsTest, KafkasUsageErrors) {
  EXPECT_EQ(usage_message({}), "Create, delete, describe, or change a topic.");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1"}),
            "Command must include exactly one action: --list, --describe, --create, --alter or --delete");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--list", "--describe"}),
            "Command must include exactly one action: --list, --describe, --create, --alter or --delete");
  EXPECT_EQ(usage_message({"--list"}), "--bootstrap-server must be specified");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--create"}), "Missing required argument \"[topic]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--delete"}), "Missing required argument \"[topic]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--alter", "--topic", "t"}),
            "Missing required argument \"[partitions]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--describe", "--partitions", "3"}),
            "Option \"[partitions]\" can't be used with option \"[describe]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--create", "--topic", "t", "--replica-assignment", "0",
                           "--partitions", "1"}),
            "Option \"[replica-assignment]\" can't be used with option \"[partitions]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--list", "--if-exists"}),
            "Option \"[if-exists]\" can't be used with option \"[list]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--describe", "--if-exists"}),
            "--topic or --topic-id is required to describe a topic");
}

TEST(TopicCommandOptionsTest, UnknownOptionsAndBadNumbersAreUsageErrors) {
  EXPECT_THROW(parse({"--bootstrap-server", "h:1", "--list", "--bogus"}), usage_error);
  EXPECT_THROW(parse({"--bootstrap-server", "h:1", "--create", "--topic", "t", "--partitions", "x"}), usage_error);
}

}  // namespace
}  // namespace kb::tools
