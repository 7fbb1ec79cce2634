#include "brokerd/tools/leader_election_options.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::optional<leader_election_options> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kafka-leader-election");
  return leader_election_command_line().parse(static_cast<int>(args.size()), args.data());
}

// The message of the command_error (validation) or usage_error (parsing) `args` raise.
std::string error_of(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const command_error& e) {
    return std::string("command: ") + e.what();
  } catch (const usage_error& e) {
    return std::string("usage: ") + e.what();
  }
  return "no error";
}

TEST(LeaderElectionOptionsTest, AllTopicPartitions) {
  const auto o = parse({"--bootstrap-server", "h:1", "--election-type", "preferred", "--all-topic-partitions"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->bootstrap_server, "h:1");
  EXPECT_EQ(o->election_type, protocol::election_type::preferred);
  EXPECT_FALSE(o->topic_partition);
  EXPECT_FALSE(o->path_to_json_file);
}

TEST(LeaderElectionOptionsTest, OnePartitionAndTheTypeInAnyCase) {
  const auto o = parse({"--bootstrap-server=h:1", "--election-type", "UNCLEAN", "--topic", "t", "--partition", "3"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->election_type, protocol::election_type::unclean);
  EXPECT_EQ(o->topic_partition, (kb::topic_partition{"t", 3}));
}

TEST(LeaderElectionOptionsTest, JsonFileAndAdminConfig) {
  const auto o = parse({"--bootstrap-server", "h:1", "--election-type", "preferred", "--path-to-json-file", "f.json",
                        "--admin.config", "a.properties"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->path_to_json_file, "f.json");
  EXPECT_EQ(o->admin_config, "a.properties");
}

TEST(LeaderElectionOptionsTest, HelpAndNoArguments) {
  EXPECT_FALSE(parse({"--help"}));
  EXPECT_EQ(error_of({}).rfind("usage: This tool attempts to elect a new leader", 0), 0u);
}

TEST(LeaderElectionOptionsTest, KafkasValidationMessages) {
  EXPECT_EQ(error_of({"--all-topic-partitions"}), "command: Missing required option(s): election-type, bootstrap-server");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--all-topic-partitions"}),
            "command: Missing required option(s): election-type");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--election-type", "preferred"}),
            "command: One and only one of the following options is required: topic, all-topic-partitions, "
            "path-to-json-file");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--election-type", "preferred", "--topic", "t",
                      "--all-topic-partitions"}),
            "command: One and only one of the following options is required: topic, all-topic-partitions, "
            "path-to-json-file");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--election-type", "preferred", "--topic", "t"}),
            "command: Missing required option(s): partition");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--election-type", "preferred", "--all-topic-partitions",
                      "--partition", "1"}),
            "command: Option partition is only allowed if topic is used");
}

TEST(LeaderElectionOptionsTest, BadValuesAreUsageErrors) {
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--election-type", "random", "--all-topic-partitions"}),
            "usage: Cannot parse argument 'random' of option election-type");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--election-type", "preferred", "--topic", "t", "--partition", "x"})
                .rfind("usage: ", 0),
            0u);
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--no-such-option"}).rfind("usage: ", 0), 0u);
}

}  // namespace
}  // namespace kb::tools
