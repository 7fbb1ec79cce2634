// --override key=value beats the file; within a file the later entry wins (as in Java
// Properties); unknown and accepted-without-effect keys are reported once each.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "brokerd/config/config_error.h"
#include "brokerd/config/config_parser.h"
#include "tests/unit/brokerd/config_test_helpers.h"

namespace kb::brokerd {
namespace {

using test::parse_with_required;

TEST(ConfigOverrideTest, OverrideBeatsTheFile) {
  auto r = parse_with_required("num.partitions=3\nlog.dirs=/a\n", {"num.partitions=8", "broker.id=5"});
  EXPECT_EQ(r.config.num_partitions, 8);
  EXPECT_EQ(r.config.broker_id, kb::broker_id{5});
  EXPECT_EQ(r.config.log_dirs, (std::vector<std::filesystem::path>{"/a"}));
}

TEST(ConfigOverrideTest, LaterOverrideWins) {
  auto r = parse_with_required("", {"num.partitions=2", "num.partitions=4"});
  EXPECT_EQ(r.config.num_partitions, 4);
}

TEST(ConfigOverrideTest, LaterFileEntryWins) {
  auto r = parse_with_required("num.partitions=2\nnum.partitions=6\n");
  EXPECT_EQ(r.config.num_partitions, 6);
}

TEST(ConfigOverrideTest, ABadValueOverriddenByAGoodOneIsFine) {
  auto r = parse_with_required("num.partitions=abc\n", {"num.partitions=2"});
  EXPECT_EQ(r.config.num_partitions, 2);
}

TEST(ConfigOverrideTest, OverrideCanSupplyRequiredKeys) {
  auto r = test::parse_text("", {"broker.id=1", "zookeeper.connect=zk:2181/kafka"});
  EXPECT_EQ(r.config.broker_id, kb::broker_id{1});
  EXPECT_EQ(r.config.zookeeper.chroot, "/kafka");
}

TEST(ConfigOverrideTest, OverrideValueKeepsEverythingAfterTheFirstEquals) {
  property p = parse_override("listeners=PLAINTEXT://:1=2");
  EXPECT_EQ(p.key, "listeners");
  EXPECT_EQ(p.value, "PLAINTEXT://:1=2");
  EXPECT_EQ(p.origin, "--override");
  EXPECT_EQ(parse_override(" log.dirs = /x ").key, "log.dirs");
  EXPECT_EQ(parse_override("broker.rack=").value, "");
}

TEST(ConfigOverrideTest, MalformedOverrideIsAnError) {
  EXPECT_THROW(parse_override("num.partitions"), config_error);
  EXPECT_THROW(parse_override("=5"), config_error);
  EXPECT_THROW(parse_override(""), config_error);
}

TEST(ConfigOverrideTest, BadOverrideValueIsReportedAsFromTheOverride) {
  try {
    parse_with_required("", {"num.partitions=abc"});
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    EXPECT_STREQ(e.what(), "Invalid value abc for configuration num.partitions: Not a number of type INT (--override)");
  }
}

TEST(ConfigOverrideTest, UnknownAndInactiveKeysAreReportedOnceInOrder) {
  auto r = parse_with_required("foo.bar=1\nnum.io.threads=8\nfoo.bar=2\nssl.keystore.location=/k\n",
                               {"num.io.threads=4", "made.up=x"});
  EXPECT_EQ(r.unknown_keys, (std::vector<std::string>{"foo.bar", "made.up"}));
  EXPECT_EQ(r.inactive_keys, (std::vector<std::string>{"num.io.threads", "ssl.keystore.location"}));
}

TEST(ConfigOverrideTest, InactiveKeysAreNotValidated) {
  // Kafka would reject this value; we do not use the key, so we neither reject nor act on it.
  auto r = parse_with_required("num.io.threads=lots\nlistener.name.internal.ssl.keystore.location=/k\n");
  EXPECT_EQ(r.inactive_keys,
            (std::vector<std::string>{"num.io.threads", "listener.name.internal.ssl.keystore.location"}));
  EXPECT_TRUE(r.unknown_keys.empty());
}

TEST(ConfigOverrideTest, KeysKeptForLaterAreValidatedAndReportedAsInactive) {
  auto r = parse_with_required("transaction.state.log.num.partitions=10\n");
  EXPECT_EQ(r.config.transaction_state_log_num_partitions, 10);
  EXPECT_EQ(r.inactive_keys, (std::vector<std::string>{"transaction.state.log.num.partitions"}));
  EXPECT_THROW(parse_with_required("transaction.state.log.num.partitions=0\n"), config_error);
}

TEST(ConfigOverrideTest, GroupCoordinatorKeysAreInEffect) {
  auto r = parse_with_required(
      "offsets.topic.num.partitions=10\ngroup.min.session.timeout.ms=1000\ngroup.max.size=5\n"
      "offsets.retention.minutes=1\ngroup.initial.rebalance.delay.ms=0\n");
  EXPECT_EQ(r.config.offsets_topic_num_partitions, 10);
  EXPECT_EQ(r.config.group_min_session_timeout_ms, 1000);
  EXPECT_EQ(r.config.group_max_size, 5);
  EXPECT_EQ(r.config.offsets_retention_minutes, 1);
  EXPECT_EQ(r.config.group_initial_rebalance_delay_ms, 0);
  EXPECT_TRUE(r.inactive_keys.empty());
  EXPECT_THROW(parse_with_required("offsets.topic.num.partitions=0\n"), config_error);
  EXPECT_THROW(parse_with_required("group.max.size=0\n"), config_error);
  EXPECT_THROW(parse_with_required("offsets.commit.required.acks=1\n"), config_error);
}

TEST(ConfigOverrideTest, KeysAreCaseSensitive) {
  auto r = parse_with_required("Num.Partitions=5\n");
  EXPECT_EQ(r.config.num_partitions, 1);
  EXPECT_EQ(r.unknown_keys, (std::vector<std::string>{"Num.Partitions"}));
}

TEST(ConfigOverrideTest, KeysMatchExactlyNotByPrefix) {
  auto r = parse_with_required("log.retention=5\nnum.partition=3\nlog.dir.s=/x\n");
  EXPECT_EQ(r.unknown_keys, (std::vector<std::string>{"log.retention", "num.partition", "log.dir.s"}));
  EXPECT_EQ(r.config.num_partitions, 1);
}

// Found by fuzz_server_properties: an empty key made boost::program_options throw
// ambiguous_option, and brokerd refused to start with a list of every option it knows.
TEST(ConfigOverrideTest, AnEmptyKeyIsUnknown) {
  auto r = parse_with_required(":43869\n=x\n");
  EXPECT_EQ(r.unknown_keys, (std::vector<std::string>{""}));
}

TEST(ConfigOverrideTest, CompactPolicyIsAcceptedWithAWarning) {
  auto r = parse_with_required("log.cleanup.policy=compact,delete\n");
  EXPECT_TRUE(r.config.log_cleanup_policy.compact);
  EXPECT_TRUE(r.config.log_cleanup_policy.delete_segments);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("compact"), std::string::npos);

  auto only_compact = parse_with_required("log.cleanup.policy=compact\n");
  EXPECT_FALSE(only_compact.config.log_cleanup_policy.delete_segments);
  EXPECT_EQ(only_compact.config.to_log_config().retention_ms, -1);
}

TEST(ConfigOverrideTest, EmptyCleanupPolicyMeansNoCleanup) {
  auto r = parse_with_required("log.cleanup.policy=\n");
  EXPECT_FALSE(r.config.log_cleanup_policy.delete_segments);
  EXPECT_FALSE(r.config.log_cleanup_policy.compact);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ConfigOverrideTest, BrokerRackIsOptional) {
  EXPECT_EQ(parse_with_required("broker.rack=rack-1\n").config.broker_rack, "rack-1");
  EXPECT_FALSE(parse_with_required("broker.rack=\n").config.broker_rack.has_value());
}

TEST(ConfigOverrideTest, BooleansFollowKafka) {
  auto r = parse_with_required("auto.create.topics.enable=FALSE\nunclean.leader.election.enable= true \n");
  EXPECT_FALSE(r.config.auto_create_topics_enable);
  EXPECT_TRUE(r.config.unclean_leader_election_enable);
}

}  // namespace
}  // namespace kb::brokerd
