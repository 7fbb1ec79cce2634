// kafka-consumer-groups' command line: Kafka 3.5's ConsumerGroupCommand checks, in its order,
// with its messages.
#include "brokerd/tools/consumer_group_command_options.h"

#include <gtest/gtest.h>

#include <sstream>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::optional<consumer_group_options> parse_args(std::vector<const char*> args, std::ostream& warnings) {
  args.insert(args.begin(), "kafka-consumer-groups");
  return consumer_group_command_line(warnings).parse(static_cast<int>(args.size()), args.data());
}

consumer_group_options parse(std::vector<const char*> args) {
  std::ostringstream warnings;
  args.insert(args.begin(), {"--bootstrap-server", "h:1"});
  auto o = parse_args(std::move(args), warnings);
  if (!o) throw std::logic_error("help");
  return *o;
}

std::string error_of(std::vector<const char*> args, bool with_bootstrap = true) {
  std::ostringstream warnings;
  if (with_bootstrap) args.insert(args.begin(), {"--bootstrap-server", "h:1"});
  try {
    parse_args(std::move(args), warnings);
  } catch (const usage_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ConsumerGroupCommandOptionsTest, BootstrapServerIsRequiredEvenForHelp) {
  EXPECT_EQ(error_of({}, false), "Missing required argument \"[bootstrap-server]\"");
  EXPECT_EQ(error_of({"--help"}, false), "Missing required argument \"[bootstrap-server]\"");
  EXPECT_EQ(error_of({"--list"}, false), "Missing required argument \"[bootstrap-server]\"");
}

TEST(ConsumerGroupCommandOptionsTest, HelpAfterTheChecks) {
  std::ostringstream warnings;
  EXPECT_FALSE(parse_args({"--bootstrap-server", "h:1", "--help"}, warnings));
}

TEST(ConsumerGroupCommandOptionsTest, ExactlyOneAction) {
  const std::string message =
      "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets";
  EXPECT_EQ(error_of({}), message);
  EXPECT_EQ(error_of({"--list", "--delete", "--group", "g"}), "Option \"[group]\" can't be used with option \"[list]\"");
  EXPECT_EQ(error_of({"--describe", "--delete", "--group", "g"}), message);
}

TEST(ConsumerGroupCommandOptionsTest, ListWithAndWithoutStates) {
  const auto plain = parse({"--list"});
  EXPECT_EQ(plain.action, group_action::list);
  EXPECT_FALSE(plain.list_state);
  const auto all_states = parse({"--list", "--state"});
  EXPECT_TRUE(all_states.list_state);
  EXPECT_EQ(all_states.list_state_value, "");
  const auto some = parse({"--list", "--state", "Stable,Empty"});
  EXPECT_EQ(some.list_state_value, "Stable,Empty");
  EXPECT_EQ(parse({"--list", "--state=Dead"}).list_state_value, "Dead");
}

TEST(ConsumerGroupCommandOptionsTest, DescribeNeedsAGroupScope) {
  EXPECT_EQ(error_of({"--describe"}), "Option [describe] takes one of these options: [group], [all-groups]");
  const auto o = parse({"--describe", "--group", "a", "--group", "b"});
  EXPECT_EQ(o.action, group_action::describe);
  EXPECT_EQ(o.groups, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(o.view, describe_view::offsets);
  EXPECT_TRUE(parse({"--describe", "--all-groups"}).all_groups);
}

TEST(ConsumerGroupCommandOptionsTest, DescribeViews) {
  EXPECT_EQ(parse({"--describe", "--group", "g", "--members"}).view, describe_view::members);
  EXPECT_TRUE(parse({"--describe", "--group", "g", "--members", "--verbose"}).verbose);
  EXPECT_EQ(parse({"--describe", "--group", "g", "--state"}).view, describe_view::state);
  EXPECT_EQ(parse({"--describe", "--group", "g", "--offsets"}).view, describe_view::offsets);
}

TEST(ConsumerGroupCommandOptionsTest, DescribeTakesOneView) {
  EXPECT_EQ(error_of({"--describe", "--group", "g", "--members", "--state"}),
            "Option [describe] takes at most one of these options: [members], [offsets], [state]");
  EXPECT_EQ(error_of({"--describe", "--group", "g", "--state", "Stable"}),
            "Option [describe] does not take a value for [state]");
}

TEST(ConsumerGroupCommandOptionsTest, ViewOptionsNeedDescribe) {
  EXPECT_EQ(error_of({"--list", "--members"}),
            "Option(s) [members] are unavailable given other options on the command line");
  EXPECT_EQ(error_of({"--delete", "--group", "g", "--state"}),
            "Option(s) [state] are unavailable given other options on the command line");
}

TEST(ConsumerGroupCommandOptionsTest, GroupScopesExcludeEachOther) {
  EXPECT_EQ(error_of({"--describe", "--group", "g", "--all-groups"}),
            "Option \"[group]\" can't be used with option \"[all-groups]\"");
  EXPECT_EQ(error_of({"--describe", "--group", "g", "--topic", "t"}),
            "Option \"[topic]\" can't be used with option \"[describe]\"");
  EXPECT_EQ(error_of({"--list", "--topic", "t"}), "Option \"[topic]\" can't be used with option \"[list]\"");
}

TEST(ConsumerGroupCommandOptionsTest, DeleteChecks) {
  EXPECT_EQ(error_of({"--delete"}), "Option [delete] takes one of these options: [group], [all-groups]");
  EXPECT_EQ(error_of({"--delete", "--group", "g", "--topic", "t"}),
            "The consumer does not support topic-specific offset deletion from a consumer group.");
  EXPECT_EQ(parse({"--delete", "--group", "g"}).action, group_action::delete_groups);
}

TEST(ConsumerGroupCommandOptionsTest, DeleteOffsetsNeedsGroupAndTopic) {
  const std::string message = "Option [delete-offsets] takes the following options: [group], [topic]";
  EXPECT_EQ(error_of({"--delete-offsets", "--group", "g"}), message);
  EXPECT_EQ(error_of({"--delete-offsets", "--topic", "t"}), message);
  const auto o = parse({"--delete-offsets", "--group", "g", "--topic", "t:0", "--topic", "u"});
  EXPECT_EQ(o.action, group_action::delete_offsets);
  EXPECT_EQ(o.topics, (std::vector<std::string>{"t:0", "u"}));
}

TEST(ConsumerGroupCommandOptionsTest, ResetWithoutExecuteWarnsOfADryRun) {
  std::ostringstream warnings;
  const auto o = parse_args({"--bootstrap-server", "h:1", "--reset-offsets", "--group", "g", "--all-topics",
                             "--to-earliest"},
                            warnings);
  ASSERT_TRUE(o);
  EXPECT_FALSE(o->execute);
  EXPECT_EQ(warnings.str().rfind("WARN: No action will be performed as the --execute option is missing.In a future "
                                 "major release,",
                                 0),
            0u);
}

TEST(ConsumerGroupCommandOptionsTest, ResetExecuteOrDryRun) {
  std::ostringstream warnings;
  const auto o = parse_args({"--bootstrap-server", "h:1", "--reset-offsets", "--group", "g", "--topic", "t",
                             "--to-latest", "--execute"},
                            warnings);
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->execute);
  EXPECT_EQ(o->scenario, reset_scenario::to_latest);
  EXPECT_EQ(warnings.str(), "");
  EXPECT_EQ(error_of({"--reset-offsets", "--group", "g", "--to-latest", "--execute", "--dry-run"}),
            "Option [reset-offsets] only accepts one of [execute] and [dry-run]");
}

TEST(ConsumerGroupCommandOptionsTest, ResetNeedsAGroupScope) {
  EXPECT_EQ(error_of({"--reset-offsets", "--to-latest", "--dry-run"}),
            "Option [reset-offsets] takes one of these options: [group], [all-groups]");
}

TEST(ConsumerGroupCommandOptionsTest, ResetScenariosWithTheirValues) {
  const auto to_offset = parse({"--reset-offsets", "--group", "g", "--all-topics", "--to-offset", "7", "--dry-run"});
  EXPECT_EQ(to_offset.scenario, reset_scenario::to_offset);
  EXPECT_EQ(to_offset.reset_offset, 7);
  const auto shift = parse({"--reset-offsets", "--group", "g", "--all-topics", "--shift-by", "-2", "--dry-run"});
  EXPECT_EQ(shift.scenario, reset_scenario::shift_by);
  EXPECT_EQ(shift.reset_offset, -2);
  const auto datetime = parse({"--reset-offsets", "--group", "g", "--all-topics", "--to-datetime",
                               "2024-01-01T00:00:00.000", "--dry-run"});
  EXPECT_EQ(datetime.scenario, reset_scenario::to_datetime);
  EXPECT_EQ(datetime.reset_time, "2024-01-01T00:00:00.000");
  EXPECT_EQ(parse({"--reset-offsets", "--group", "g", "--all-topics", "--by-duration", "PT1H", "--dry-run"}).scenario,
            reset_scenario::by_duration);
  EXPECT_EQ(parse({"--reset-offsets", "--group", "g", "--all-topics", "--to-current", "--dry-run"}).scenario,
            reset_scenario::to_current);
  EXPECT_EQ(parse({"--reset-offsets", "--group", "g", "--all-topics", "--dry-run"}).scenario, reset_scenario::none);
}

TEST(ConsumerGroupCommandOptionsTest, ResetScenariosExcludeEachOther) {
  EXPECT_EQ(error_of({"--reset-offsets", "--group", "g", "--to-earliest", "--to-latest", "--dry-run"}),
            "Option \"[to-earliest]\" can't be used with option \"[to-latest]\"");
  // to-offset is checked first, against the others in the Scala set's order.
  EXPECT_EQ(error_of({"--reset-offsets", "--group", "g", "--shift-by", "1", "--to-offset", "2", "--dry-run"}),
            "Option \"[to-offset]\" can't be used with option \"[shift-by]\"");
}

TEST(ConsumerGroupCommandOptionsTest, TimeoutDefaultsToFiveSeconds) {
  EXPECT_EQ(parse({"--list"}).timeout_ms, 5000);
  EXPECT_EQ(parse({"--list", "--timeout", "100"}).timeout_ms, 100);
}

TEST(ConsumerGroupCommandOptionsTest, UnknownOptionIsAUsageError) {
  EXPECT_NE(error_of({"--list", "--new-consumer"}), "no error");
}

}  // namespace
}  // namespace kb::tools
