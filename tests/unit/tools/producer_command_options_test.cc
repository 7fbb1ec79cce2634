#include "brokerd/tools/producer_command_options.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

producer_command_options parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kafka-console-producer");
  auto o = producer_command_line().parse(static_cast<int>(args.size()), args.data());
  if (!o) throw std::logic_error("help");
  return *o;
}

std::string prop(const producer_command_options& o, const std::string& key) {
  const std::string* v = o.producer.get(key);
  return v ? *v : "<unset>";
}

TEST(ProducerCommandOptionsTest, KafkasDefaults) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t"});
  EXPECT_EQ(o.topic, "t");
  EXPECT_FALSE(o.sync);
  EXPECT_EQ(prop(o, "bootstrap.servers"), "h:1");
  EXPECT_EQ(prop(o, "acks"), "-1");
  EXPECT_EQ(prop(o, "linger.ms"), "1000");
  EXPECT_EQ(prop(o, "request.timeout.ms"), "1500");
  EXPECT_EQ(prop(o, "retries"), "3");
  EXPECT_EQ(prop(o, "batch.size"), "16384");
  EXPECT_EQ(prop(o, "compression.type"), "none");
  EXPECT_EQ(prop(o, "client.id"), "console-producer");
  EXPECT_EQ(prop(o, "partitioner"), "murmur2_random");
}

TEST(ProducerCommandOptionsTest, ProducerPropertyBeatsDefaultsButNotExplicitFlags) {
  const auto kept = parse({"--bootstrap-server", "h:1", "--topic", "t", "--producer-property", "acks=1",
                           "--producer-property", "linger.ms=5", "--timeout", "20"});
  EXPECT_EQ(prop(kept, "acks"), "1");
  EXPECT_EQ(prop(kept, "linger.ms"), "20");
  const auto flag = parse({"--bootstrap-server", "h:1", "--topic", "t", "--producer-property", "acks=1",
                           "--request-required-acks", "all"});
  EXPECT_EQ(prop(flag, "acks"), "all");
}

TEST(ProducerCommandOptionsTest, LegacyBrokerListAndCompressionCodecForms) {
  EXPECT_EQ(prop(parse({"--broker-list", "h:1", "--topic", "t"}), "bootstrap.servers"), "h:1");
  EXPECT_EQ(prop(parse({"--broker-list", "h:1", "--topic", "t", "--compression-codec"}), "compression.type"), "gzip");
  EXPECT_EQ(prop(parse({"--broker-list", "h:1", "--topic", "t", "--compression-codec", "lz4"}), "compression.type"),
            "lz4");
  EXPECT_EQ(prop(parse({"--broker-list", "h:1", "--topic", "t", "--compression-codec=zstd"}), "compression.type"),
            "zstd");
}

TEST(ProducerCommandOptionsTest, ReaderPropertiesAreKeptInOrder) {
  const auto o = parse({"--bootstrap-server", "h:1", "--topic", "t", "--property", "parse.key=true", "--property",
                        "key.separator=:"});
  EXPECT_EQ(o.reader_properties, (key_value_list{{"parse.key", "true"}, {"key.separator", ":"}}));
}

TEST(ProducerCommandOptionsTest, UsageErrors) {
  EXPECT_THROW(parse({"--topic", "t"}), usage_error);
  EXPECT_THROW(parse({"--bootstrap-server", "h:1"}), usage_error);
  EXPECT_THROW(parse({"--bootstrap-server", "nohostport", "--topic", "t"}), usage_error);
}

}  // namespace
}  // namespace kb::tools
