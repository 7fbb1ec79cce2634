// zk_topic_admin: the broker-level rules around topic_writer (defaults for -1, the
// numPartitions-vs-assignments conflict, delete.topic.enable, real topic config validation)
// and the translation of admin_outcome to Kafka error codes and messages.
#include "brokerd/cluster/zk_topic_admin.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "tests/support/io_runner.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::cluster {
namespace {

using kb::test::run;
using protocol::error_code;

class ZkTopicAdminTest : public ::testing::Test {
 protected:
  ZkTopicAdminTest() : zk_(io_.get_executor(), server_) {
    EXPECT_TRUE(run(io_, zkmeta::ensure_persistent_paths(zk_)));
    for (int id : {0, 1, 2}) EXPECT_TRUE(run(io_, zk_.create("/brokers/ids/" + std::to_string(id), std::string("{}"))));
  }

  zkmeta::topic_assignment read_topic(const std::string& name) {
    auto t = zkmeta::topic_znode::decode(server_.data_of("/brokers/topics/" + name).value_or(""));
    EXPECT_TRUE(t) << name;
    return t ? t.value() : zkmeta::topic_assignment{};
  }

  boost::asio::io_context io_;
  zkmeta::fake_zk_server server_;
  zkmeta::fake_zk_client zk_;
  zk_topic_admin admin_{zk_, /*num_partitions=*/3, /*default_replication_factor=*/2, /*delete_topic_enable=*/true};
};

TEST_F(ZkTopicAdminTest, MinusOneTakesTheBrokerDefaults) {
  new_topic t;
  t.name = "defaults";
  admin_result r = run(io_, admin_.create_topic(t, false));
  EXPECT_EQ(r.error, error_code::none);
  EXPECT_EQ(r.message, std::nullopt);
  zkmeta::topic_assignment written = read_topic("defaults");
  ASSERT_EQ(written.partitions.size(), 3u);
  for (const auto& [p, replicas] : written.partitions) EXPECT_EQ(replicas.size(), 2u);
  ASSERT_TRUE(written.topic_id);
  EXPECT_EQ(written.topic_id->size(), 22u);
}

TEST_F(ZkTopicAdminTest, ExplicitCountsAndAssignmentTogetherAreInvalidRequest) {
  new_topic t;
  t.name = "both";
  t.partitions = 2;
  t.assignment = {{0, {1}}};
  admin_result r = run(io_, admin_.create_topic(t, false));
  EXPECT_EQ(r.error, error_code::invalid_request);
  EXPECT_EQ(r.message, "Both numPartitions or replicationFactor and replicasAssignments were set. "
                       "Both cannot be used at the same time.");
  EXPECT_FALSE(server_.contains("/brokers/topics/both"));
}

TEST_F(ZkTopicAdminTest, ErrorsCarryKafkaCodesAndMessages) {
  new_topic t;
  t.name = "x";
  t.replication_factor = 5;
  admin_result r = run(io_, admin_.create_topic(t, false));
  EXPECT_EQ(r.error, error_code::invalid_replication_factor);
  EXPECT_EQ(r.message, "Replication factor: 5 larger than available brokers: 3.");

  t.replication_factor = -1;
  t.config = {{"retention.ms", "abc"}};
  r = run(io_, admin_.create_topic(t, false));
  EXPECT_EQ(r.error, error_code::invalid_config);
  EXPECT_EQ(r.message, "Invalid value abc for configuration retention.ms: Not a number of type LONG");

  t.config = {{"retention.ms", "abc"}, {"zzz.unknown", "1"}};
  r = run(io_, admin_.create_topic(t, false));
  EXPECT_EQ(r.error, error_code::invalid_config);
  EXPECT_EQ(r.message, "Unknown topic config name: zzz.unknown");
}

TEST_F(ZkTopicAdminTest, SetTopicConfigUsesTheRealValidator) {
  new_topic t;
  t.name = "conf";
  ASSERT_EQ(run(io_, admin_.create_topic(t, false)).error, error_code::none);
  admin_result r = run(io_, admin_.set_topic_config("conf", {{"min.insync.replicas", "0"}}, false));
  EXPECT_EQ(r.error, error_code::invalid_config);
  EXPECT_EQ(r.message, "Invalid config value for resource ConfigResource(type=TOPIC, name='conf'): "
                       "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1");
  r = run(io_, admin_.set_topic_config("conf", {{"min.insync.replicas", "2"}}, false));
  EXPECT_EQ(r.error, error_code::none);
  EXPECT_EQ(server_.data_of("/config/topics/conf"), R"({"version":1,"config":{"min.insync.replicas":"2"}})");
}

TEST_F(ZkTopicAdminTest, CreatePartitionsWithEmptyAssignmentUsesKafkaPlacement) {
  new_topic t;
  t.name = "grow";
  t.partitions = 1;
  t.replication_factor = 1;
  ASSERT_EQ(run(io_, admin_.create_topic(t, false)).error, error_code::none);
  EXPECT_EQ(run(io_, admin_.create_partitions("grow", 4, {}, false)).error, error_code::none);
  EXPECT_EQ(read_topic("grow").partitions.size(), 4u);
  admin_result r = run(io_, admin_.create_partitions("grow", 4, {}, false));
  EXPECT_EQ(r.error, error_code::invalid_partitions);
  EXPECT_EQ(r.message, "Topic already has 4 partitions.");
}

TEST_F(ZkTopicAdminTest, DeleteTopicReportsCodesOnly) {
  admin_result r = run(io_, admin_.delete_topic("nope"));
  EXPECT_EQ(r.error, error_code::unknown_topic_or_partition);
  EXPECT_EQ(r.message, std::nullopt);
  new_topic t;
  t.name = "old";
  ASSERT_EQ(run(io_, admin_.create_topic(t, false)).error, error_code::none);
  EXPECT_EQ(run(io_, admin_.delete_topic("old")).error, error_code::none);
  EXPECT_TRUE(server_.contains("/admin/delete_topics/old"));
}

TEST_F(ZkTopicAdminTest, DeletionDisabled) {
  zk_topic_admin admin(zk_, 1, 1, /*delete_topic_enable=*/false);
  new_topic t;
  t.name = "kept";
  ASSERT_EQ(run(io_, admin.create_topic(t, false)).error, error_code::none);
  admin_result r = run(io_, admin.delete_topic("kept"));
  EXPECT_EQ(r.error, error_code::topic_deletion_disabled);
  EXPECT_FALSE(server_.contains("/admin/delete_topics/kept"));
}

TEST(ZkTopicAdminMappingTest, ZooKeeperFailuresHideTheirMessage) {
  auto retryable = zkmeta::admin_outcome::failure(zkmeta::admin_error::zookeeper_error, "creating /x: connection loss",
                                                  make_error_code(zkmeta::zk_errc::connection_loss));
  admin_result r = to_admin_result(retryable);
  EXPECT_EQ(r.error, error_code::request_timed_out);
  EXPECT_EQ(r.message, std::nullopt);
  auto fatal = zkmeta::admin_outcome::failure(zkmeta::admin_error::zookeeper_error, "creating /x: no auth",
                                              make_error_code(zkmeta::zk_errc::no_auth));
  EXPECT_EQ(to_admin_result(fatal).error, error_code::unknown_server_error);
  EXPECT_EQ(to_admin_result(fatal).message, std::nullopt);
  auto unexpected = zkmeta::admin_outcome::failure(zkmeta::admin_error::unexpected, "odd");
  EXPECT_EQ(to_admin_result(unexpected).error, error_code::unknown_server_error);
  EXPECT_EQ(to_error_code(zkmeta::admin_outcome::failure(zkmeta::admin_error::reassignment_in_progress, "")),
            error_code::reassignment_in_progress);
  EXPECT_EQ(to_error_code(zkmeta::admin_outcome::failure(zkmeta::admin_error::invalid_topic, "")),
            error_code::invalid_topic_exception);
}

}  // namespace
}  // namespace kb::cluster
