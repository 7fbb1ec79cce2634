#include "brokerd/tools/reassign_command_options.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::optional<reassign_command_options> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kafka-reassign-partitions");
  return reassign_command_line().parse(static_cast<int>(args.size()), args.data());
}

std::string usage_message(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const usage_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReassignCommandOptionsTest, ExecuteThroughZooKeeper) {
  const auto o = parse({"--zookeeper", "127.0.0.1:2181", "--execute", "--reassignment-json-file", "m.json"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->action, reassign_action::execute);
  EXPECT_TRUE(o->uses_zookeeper());
  EXPECT_EQ(o->zookeeper, "127.0.0.1:2181");
  EXPECT_EQ(o->reassignment_json_file, "m.json");
  EXPECT_EQ(o->throttle, -1);
  EXPECT_EQ(o->timeout_ms, 10000);
}

TEST(ReassignCommandOptionsTest, GenerateAndVerifyThroughTheAdminApi) {
  const auto g = parse({"--bootstrap-server", "h:9092", "--generate", "--topics-to-move-json-file", "t.json",
                        "--broker-list", "0,1,2", "--disable-rack-aware"});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->action, reassign_action::generate);
  EXPECT_FALSE(g->uses_zookeeper());
  EXPECT_EQ(g->broker_list, "0,1,2");
  EXPECT_TRUE(g->disable_rack_aware);
  const auto v = parse({"--bootstrap-server", "h:9092", "--zookeeper", "z:2181", "--verify",
                        "--reassignment-json-file", "m.json", "--preserve-throttles"});
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->uses_zookeeper());  // --bootstrap-server wins, as in Kafka 2.8
  EXPECT_TRUE(v->preserve_throttles);
  EXPECT_EQ(parse({"--bootstrap-server", "h:9092", "--list"})->action, reassign_action::list);
}

TEST(ReassignCommandOptionsTest, HelpIsNotAnError) { EXPECT_FALSE(parse({"--help"})); }

TEST(ReassignCommandOptionsTest, KafkasUsageErrors) {
  EXPECT_EQ(usage_message({}), "This tool helps to move topic partitions between replicas.");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1"}),
            "Command must include exactly one action: --generate, --execute, --verify, --cancel, --list");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--execute", "--verify"}),
            "Command must include exactly one action: --generate, --execute, --verify, --cancel, --list");
  EXPECT_EQ(usage_message({"--verify", "--reassignment-json-file", "f"}), "Please specify --bootstrap-server");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--generate", "--broker-list", "1"}),
            "Missing required argument \"[topics-to-move-json-file]\"");
  EXPECT_EQ(usage_message({"--zookeeper", "z:1", "--cancel", "--reassignment-json-file", "f"}),
            "Option \"[zookeeper]\" can't be used with action \"[cancel]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--verify", "--reassignment-json-file", "f", "--throttle", "5"}),
            "Option \"[throttle]\" can't be used with action \"[verify]\"");
  EXPECT_EQ(usage_message({"--bootstrap-server", "h:1", "--list", "--additional"}),
            "Option \"[additional]\" can't be used with action \"[list]\"");
}

}  // namespace
}  // namespace kb::tools
