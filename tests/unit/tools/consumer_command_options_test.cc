#include "brokerd/tools/consumer_command_options.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

consumer_command_options parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kafka-console-consumer");
  auto o = consumer_command_line([] { return 4242; }).parse(static_cast<int>(args.size()), args.data());
  if (!o) throw std::logic_error("help");
  return *o;
}

std::string error_of(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

std::string prop(const consumer_command_options& o, const std::string& key) {
  const std::string* v = o.consumer.get(key);
  return v ? *v : "<unset>";
}

TEST(ConsumerCommandOptionsTest, StartsAtTheEndUnlessFromBeginning) {
  const auto latest = parse({"--bootstrap-server", "h:1", "--topic", "t"});
  EXPECT_EQ(latest.start_offset, RD_KAFKA_OFFSET_END);
  EXPECT_EQ(prop(latest, "auto.offset.reset"), "latest");
  EXPECT_EQ(prop(latest, "client.id"), "console-consumer");
  const auto earliest = parse({"--bootstrap-server", "h:1", "--topic", "t", "--from-beginning"});
  EXPECT_EQ(earliest.start_offset, RD_KAFKA_OFFSET_BEGINNING);
  EXPECT_EQ(prop(earliest, "auto.offset.reset"), "earliest");
  const auto by_property =
      parse({"--bootstrap-server", "h:1", "--topic", "t", "--consumer-property", "auto.offset.reset=earliest"});
  EXPECT_EQ(by_property.start_offset, RD_KAFKA_OFFSET_BEGINNING);
}

TEST(ConsumerCommandOptionsTest, PartitionAndOffset) {
  EXPECT_EQ(parse({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "2", "--offset", "7"}).start_offset, 7);
  EXPECT_EQ(parse({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "2", "--offset", "Earliest"}).start_offset,
            RD_KAFKA_OFFSET_BEGINNING);
  EXPECT_EQ(parse({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "2"}).start_offset, RD_KAFKA_OFFSET_END);
  EXPECT_EQ(parse({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "2", "--from-beginning"}).start_offset,
            RD_KAFKA_OFFSET_BEGINNING);
}

TEST(ConsumerCommandOptionsTest, GroupJoinsAndCommitsByDefault) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t", "--group", "g"});
  EXPECT_EQ(o.group, "g");
  EXPECT_FALSE(o.group_generated);
  EXPECT_EQ(prop(o, "group.id"), "g");
  EXPECT_EQ(prop(o, "enable.auto.commit"), "<unset>");  // librdkafka's default: true, as Java's
}

TEST(ConsumerCommandOptionsTest, GroupFromConsumerProperty) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t", "--consumer-property", "group.id=p"});
  EXPECT_EQ(o.group, "p");
  EXPECT_EQ(prop(o, "group.id"), "p");
}

TEST(ConsumerCommandOptionsTest, ExplicitAutoCommitIsKept) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t", "--group", "g", "--consumer-property",
                        "enable.auto.commit=false"});
  EXPECT_EQ(prop(o, "enable.auto.commit"), "false");
}

TEST(ConsumerCommandOptionsTest, WithoutGroupAGeneratedOneThatDoesNotCommit) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t"});
  EXPECT_EQ(o.group, "console-consumer-4242");
  EXPECT_TRUE(o.group_generated);
  EXPECT_EQ(prop(o, "group.id"), "console-consumer-4242");
  EXPECT_EQ(prop(o, "enable.auto.commit"), "false");
}

TEST(ConsumerCommandOptionsTest, GeneratedGroupCommitsWhenAsked) {
  const auto o =
      parse({"--bootstrap-server", "h:1", "--include", "t.*", "--consumer-property", "enable.auto.commit=true"});
  EXPECT_EQ(o.group, "console-consumer-4242");
  EXPECT_EQ(prop(o, "enable.auto.commit"), "true");
}

TEST(ConsumerCommandOptionsTest, GeneratedGroupNumberIsBelowOneHundredThousand) {
  std::vector<const char*> args = {"kafka-console-consumer", "--bootstrap-server", "h:1", "--topic", "t"};
  for (int i = 0; i < 20; ++i) {
    const auto o = consumer_command_line().parse(static_cast<int>(args.size()), args.data());
    const std::string number = o->group->substr(std::string("console-consumer-").size());
    EXPECT_LT(std::stoi(number), 100000);
    EXPECT_GE(std::stoi(number), 0);
  }
}

TEST(ConsumerCommandOptionsTest, PartitionReadsOutsideAnyGroup) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "0"});
  EXPECT_FALSE(o.group);
  EXPECT_EQ(prop(o, "group.id"), "<unset>");
  EXPECT_EQ(prop(o, "enable.auto.commit"), "false");
}

TEST(ConsumerCommandOptionsTest, FromBeginningIsAutoOffsetResetEarliestForTheGroup) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t", "--group", "g", "--from-beginning"});
  EXPECT_EQ(prop(o, "auto.offset.reset"), "earliest");
}

TEST(ConsumerCommandOptionsTest, KafkasErrors) {
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1"}), "Exactly one of --include/--topic is required. ");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--topic", "t", "--offset", "3"}),
            "The partition is required when offset is specified.");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "0", "--offset", "3",
                      "--from-beginning"}),
            "Options from-beginning and offset cannot be specified together.");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "0", "--offset", "-3"}),
            "The provided offset value '-3' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.");
  EXPECT_EQ(error_of({"--topic", "t"}), "Missing required argument \"[bootstrap-server]\"");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "0", "--group", "g"}),
            "Options group and partition cannot be specified together.");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--topic", "t", "--partition", "0", "--consumer-property",
                      "group.id=g"}),
            "Options group and partition cannot be specified together.");
  EXPECT_EQ(error_of({"--bootstrap-server", "h:1", "--topic", "t", "--from-beginning", "--consumer-property",
                      "auto.offset.reset=latest"}),
            "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option");
}

}  // namespace
}  // namespace kb::tools
