// topic_writer against the fake ZooKeeper: the exact znodes Kafka's AdminZkClient writes for
// CreateTopics / DeleteTopics / CreatePartitions / AlterConfigs(topic), every refusal with
// Kafka's error and wording, and two brokers racing to create the same topic.
#include "zkmeta/admin/topic_writer.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <deque>
#include <memory>
#include <set>

#include "tests/support/io_runner.h"
#include "tests/support/yielding_zk_client.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;
using kb::test::run_until;

// The topic id that the all-zero draws give (version-4 bits set): 0000000000004000 8000000000000000.
constexpr const char* zero_draws_topic_id = "AAAAAAAAQACAAAAAAAAAAA";

// A small stand-in for brokerd's validate_topic_config: two known keys, retention.ms numeric.
std::optional<config_problem> test_validator(const std::string& name, const std::string& value) {
  if (name != "retention.ms" && name != "cleanup.policy") {
    return config_problem{config_problem::kind::unknown_name, "Unknown topic config name: " + name};
  }
  if (name == "retention.ms" && value.find_first_not_of("-0123456789") != std::string::npos) {
    return config_problem{config_problem::kind::invalid_value,
                          "Invalid value " + value + " for configuration retention.ms: Not a number of type LONG"};
  }
  return std::nullopt;
}

class TopicWriterTest : public ::testing::Test {
 protected:
  TopicWriterTest() : zk_(io_.get_executor(), server_), writer_(zk_, test_validator, draws()) {
    EXPECT_TRUE(run(io_, ensure_persistent_paths(zk_)));
    for (int id : {0, 1, 2}) add_broker(id);
  }

  // Random draws: queued values first, then zeros.
  random_bits draws() {
    return [q = queue_] {
      if (q->empty()) return uint64_t{0};
      const uint64_t v = q->front();
      q->pop_front();
      return v;
    };
  }

  void add_broker(int id) { create("/brokers/ids/" + std::to_string(id), "{}"); }
  void remove_broker(int id) { ASSERT_TRUE(run(io_, zk_.remove("/brokers/ids/" + std::to_string(id)))); }

  void create(const std::string& path, std::optional<std::string> data = std::nullopt) {
    auto r = run(io_, zk_.create(path, std::move(data)));
    ASSERT_TRUE(r) << path << ": " << r.error().message();
  }
  std::optional<std::string> data(const std::string& path) { return server_.data_of(path); }
  std::vector<std::string> children(const std::string& path) {
    auto r = run(io_, zk_.get_children(path));
    EXPECT_TRUE(r) << path;
    std::vector<std::string> out = r ? r.value() : std::vector<std::string>{};
    std::sort(out.begin(), out.end());
    return out;
  }

  admin_outcome create_topic(create_topic_request req, write_mode mode = write_mode::apply) {
    return run(io_, writer_.create_topic(std::move(req), mode));
  }
  static create_topic_request topic(std::string name, int32_t partitions = 1, int32_t rf = 1,
                                    config_entries config = {}) {
    create_topic_request r;
    r.name = std::move(name);
    r.partitions = partitions;
    r.replication_factor = rf;
    r.config = std::move(config);
    return r;
  }
  static create_topic_request explicit_topic(std::string name, assignment_map assignment) {
    create_topic_request r;
    r.name = std::move(name);
    r.assignment = std::move(assignment);
    return r;
  }
  admin_outcome create_partitions(const std::string& name, int32_t total,
                                  std::optional<std::vector<std::vector<int32_t>>> assignment = std::nullopt,
                                  write_mode mode = write_mode::apply) {
    return run(io_, writer_.create_partitions(name, total, std::move(assignment), mode));
  }
  admin_outcome set_config(const std::string& name, config_entries config, write_mode mode = write_mode::apply) {
    return run(io_, writer_.set_topic_config(name, std::move(config), mode));
  }

  // Nothing of topic `name` exists in ZooKeeper.
  void expect_nothing_written(const std::string& name) {
    EXPECT_FALSE(server_.contains("/brokers/topics/" + name));
    EXPECT_FALSE(server_.contains("/config/topics/" + name));
    EXPECT_EQ(children("/config/changes"), std::vector<std::string>{});
  }

  std::shared_ptr<std::deque<uint64_t>> queue_ = std::make_shared<std::deque<uint64_t>>();
  boost::asio::io_context io_;
  fake_zk_server server_;
  fake_zk_client zk_;
  topic_writer writer_;
};

#define EXPECT_OUTCOME(outcome, code, text)                            \
  do {                                                                 \
    const admin_outcome& o_ = (outcome);                               \
    EXPECT_EQ(to_string(o_.error), std::string(to_string(code)));      \
    EXPECT_EQ(o_.message.value_or("<none>"), std::string(text));       \
  } while (0)

#define EXPECT_OK(outcome)                                                                            \
  do {                                                                                                \
    const admin_outcome& o_ = (outcome);                                                              \
    EXPECT_TRUE(o_.ok()) << to_string(o_.error) << ": " << o_.message.value_or("") << " " << o_.cause; \
  } while (0)

// --- create_topic: what is written ---------------------------------------------------------

TEST_F(TopicWriterTest, CreateTopicWritesConfigThenV3AssignmentWithoutChangeNotification) {
  EXPECT_OK(create_topic(topic("orders", 3, 2, {{"retention.ms", "1000"}})));
  EXPECT_EQ(data("/config/topics/orders"), R"({"version":1,"config":{"retention.ms":"1000"}})");
  EXPECT_EQ(data("/brokers/topics/orders"),
            std::string(R"({"partitions":{"0":[0,1],"1":[1,2],"2":[2,0]},"topic_id":")") + zero_draws_topic_id +
                R"(","adding_replicas":{},"removing_replicas":{},"version":3})");
  // Kafka's createTopicWithAssignment posts no /config/changes notification.
  EXPECT_EQ(children("/config/changes"), std::vector<std::string>{});
  // The controller creates partitions/<p>/state; the writer does not.
  EXPECT_EQ(children("/brokers/topics/orders"), std::vector<std::string>{});
}

TEST_F(TopicWriterTest, CreateTopicWithoutOverridesWritesAnEmptyConfig) {
  EXPECT_OK(create_topic(topic("plain")));
  EXPECT_EQ(data("/config/topics/plain"), R"({"version":1,"config":{}})");
}

TEST_F(TopicWriterTest, AssignmentUsesRandomStartIndexAndShift) {
  // zookeeper.md 6.3: B=[101,102,103], 6 partitions, RF 2, startIndex=2, shift=1.
  for (int id : {0, 1, 2}) remove_broker(id);
  for (int id : {103, 101, 102}) add_broker(id);
  queue_->assign({2, 1});
  EXPECT_OK(create_topic(topic("spread", 6, 2)));
  auto t = topic_znode::decode(*data("/brokers/topics/spread"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().partitions, (replica_assignment{{0, {103, 102}},
                                                      {1, {101, 103}},
                                                      {2, {102, 101}},
                                                      {3, {103, 101}},
                                                      {4, {101, 102}},
                                                      {5, {102, 103}}}));
}

TEST_F(TopicWriterTest, TopicIdIsDrawnAgainWhenItWouldStartWithADash) {
  // Draws: start index, shift, then an id whose first byte 0xF8 encodes as '-', then zeros.
  queue_->assign({0, 0, 0xF800000000000000, 0});
  EXPECT_OK(create_topic(topic("dash")));
  auto t = topic_znode::decode(*data("/brokers/topics/dash"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().topic_id, zero_draws_topic_id);
}

TEST_F(TopicWriterTest, ExplicitAssignmentIsWrittenAsGiven) {
  EXPECT_OK(create_topic(explicit_topic("manual", {{0, {2, 0}}, {1, {0, 2}}})));
  auto t = topic_znode::decode(*data("/brokers/topics/manual"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().partitions, (replica_assignment{{0, {2, 0}}, {1, {0, 2}}}));
}

TEST_F(TopicWriterTest, ExplicitAssignmentMayNameUnregisteredBrokersAsInKafkaZkMode) {
  // ZkAdminManager.createTopics: "we don't check that replicaAssignment contains unknown brokers".
  EXPECT_OK(create_topic(explicit_topic("future", {{0, {7}}})));
  EXPECT_TRUE(server_.contains("/brokers/topics/future"));
}

TEST_F(TopicWriterTest, LeftoverConfigZnodeIsOverwritten) {
  create("/config/topics/again", R"({"version":1,"config":{"cleanup.policy":"compact"}})");
  EXPECT_OK(create_topic(topic("again")));
  EXPECT_EQ(data("/config/topics/again"), R"({"version":1,"config":{}})");
}

TEST_F(TopicWriterTest, MissingParentZnodesAreCreated) {
  fake_zk_server bare;
  fake_zk_client zk(io_.get_executor(), bare);
  ASSERT_TRUE(run(io_, ensure_path(zk, "/brokers/ids/0")));
  topic_writer writer(zk, {}, draws());
  EXPECT_OK(run(io_, writer.create_topic(topic("t"), write_mode::apply)));
  EXPECT_TRUE(bare.contains("/config/topics/t"));
  EXPECT_TRUE(bare.contains("/brokers/topics/t"));
}

TEST_F(TopicWriterTest, ValidateOnlyWritesNothing) {
  EXPECT_OK(create_topic(topic("dry", 3, 3, {{"retention.ms", "5"}}), write_mode::validate_only));
  expect_nothing_written("dry");
}

// --- create_topic: refusals ---------------------------------------------------------------

TEST_F(TopicWriterTest, InvalidNamesAreInvalidTopicException) {
  EXPECT_OUTCOME(create_topic(topic("bad name!")), admin_error::invalid_topic,
                 "Topic name \"bad name!\" is illegal, it contains a character other than ASCII alphanumerics, "
                 "'.', '_' and '-'");
  EXPECT_OUTCOME(create_topic(topic("")), admin_error::invalid_topic, "Topic name is illegal, it can't be empty");
  EXPECT_OUTCOME(create_topic(topic("..")), admin_error::invalid_topic, "Topic name cannot be \".\" or \"..\"");
  EXPECT_OUTCOME(create_topic(topic("a/b")), admin_error::invalid_topic,
                 "Topic name \"a/b\" is illegal, it contains a character other than ASCII alphanumerics, "
                 "'.', '_' and '-'");
  EXPECT_OUTCOME(create_topic(topic(std::string(250, 'x'))), admin_error::invalid_topic,
                 "Topic name is illegal, it can't be longer than 249 characters, topic name: " + std::string(250, 'x'));
  expect_nothing_written("a");
}

TEST_F(TopicWriterTest, AssignmentErrorsComeBeforeTheNameCheckAsInKafka) {
  EXPECT_OUTCOME(create_topic(topic("bad name!", 1, 4)), admin_error::invalid_replication_factor,
                 "Replication factor: 4 larger than available brokers: 3.");
}

TEST_F(TopicWriterTest, ExistingTopicIsTopicAlreadyExists) {
  EXPECT_OK(create_topic(topic("orders")));
  const std::string before = *data("/brokers/topics/orders");
  EXPECT_OUTCOME(create_topic(topic("orders", 5, 1)), admin_error::topic_already_exists,
                 "Topic 'orders' already exists.");
  EXPECT_EQ(data("/brokers/topics/orders"), before);
}

TEST_F(TopicWriterTest, TopicMarkedForDeletionCannotBeCreated) {
  create("/admin/delete_topics/going");
  EXPECT_OUTCOME(create_topic(topic("going")), admin_error::topic_already_exists,
                 "Topic 'going' is marked for deletion.");
}

TEST_F(TopicWriterTest, NamesCollidingAfterDotUnderscoreFoldingAreRefused) {
  EXPECT_OK(create_topic(topic("a_b")));
  EXPECT_OUTCOME(create_topic(topic("a.b")), admin_error::invalid_topic,
                 "Topic 'a.b' collides with existing topics: a_b");
  EXPECT_OK(create_topic(topic("a.c")));
  EXPECT_OK(create_topic(topic("x_y.z")));
  EXPECT_OUTCOME(create_topic(topic("x.y_z")), admin_error::invalid_topic,
                 "Topic 'x.y_z' collides with existing topics: x_y.z");
  expect_nothing_written("a.b");
}

TEST_F(TopicWriterTest, PartitionAndReplicationFactorLimits) {
  EXPECT_OUTCOME(create_topic(topic("t", 0, 1)), admin_error::invalid_partitions,
                 "Number of partitions must be larger than 0.");
  EXPECT_OUTCOME(create_topic(topic("t", -5, 1)), admin_error::invalid_partitions,
                 "Number of partitions must be larger than 0.");
  EXPECT_OUTCOME(create_topic(topic("t", 1, 0)), admin_error::invalid_replication_factor,
                 "Replication factor must be larger than 0.");
  EXPECT_OUTCOME(create_topic(topic("t", 1, 4)), admin_error::invalid_replication_factor,
                 "Replication factor: 4 larger than available brokers: 3.");
  for (int id : {0, 1, 2}) remove_broker(id);
  EXPECT_OUTCOME(create_topic(topic("t", 1, 1)), admin_error::invalid_replication_factor,
                 "Replication factor: 1 larger than available brokers: 0.");
  expect_nothing_written("t");
}

TEST_F(TopicWriterTest, ExplicitAssignmentChecks) {
  EXPECT_OUTCOME(create_topic(explicit_topic("t", {{0, {0, 1}}, {1, {2}}})), admin_error::invalid_replica_assignment,
                 "All partitions should have the same number of replicas");
  EXPECT_OUTCOME(create_topic(explicit_topic("t", {})), admin_error::invalid_replica_assignment,
                 "All partitions should have the same number of replicas");
  EXPECT_OUTCOME(create_topic(explicit_topic("t", {{0, {1, 1}}, {1, {0, 2}}})),
                 admin_error::invalid_replica_assignment,
                 "Duplicate replica assignment found: HashMap(0 -> ArrayBuffer(1, 1), 1 -> ArrayBuffer(0, 2))");
  EXPECT_OUTCOME(create_topic(explicit_topic("t", {{0, {1}}, {2, {0}}})), admin_error::invalid_replica_assignment,
                 "partitions should be a consecutive 0-based integer sequence");
  EXPECT_OUTCOME(create_topic(explicit_topic("t", {{1, {1}}, {2, {0}}})), admin_error::invalid_replica_assignment,
                 "partitions should be a consecutive 0-based integer sequence");
  EXPECT_OUTCOME(create_topic(explicit_topic("t", {{-1, {1}}, {0, {0}}})), admin_error::invalid_replica_assignment,
                 "partitions should be a consecutive 0-based integer sequence");
  EXPECT_OUTCOME(create_topic(explicit_topic("t", {{0, {}}})), admin_error::invalid_replica_assignment,
                 "The manual partition assignment includes an empty replica list.");
  expect_nothing_written("t");
}

TEST_F(TopicWriterTest, ConfigIsValidatedNamesFirst) {
  EXPECT_OUTCOME(create_topic(topic("t", 1, 1, {{"retention.ms", "soon"}})), admin_error::invalid_config,
                 "Invalid value soon for configuration retention.ms: Not a number of type LONG");
  // An unknown name wins over a bad value listed before it (LogConfig.validate checks names first).
  EXPECT_OUTCOME(create_topic(topic("t", 1, 1, {{"retention.ms", "soon"}, {"no.such", "1"}})),
                 admin_error::invalid_config, "Unknown topic config name: no.such");
  expect_nothing_written("t");
}

TEST_F(TopicWriterTest, ZooKeeperFailureIsReportedWithItsCause) {
  zk_.fail_next(zk_errc::connection_loss);
  admin_outcome o = create_topic(topic("t"));
  EXPECT_EQ(o.error, admin_error::zookeeper_error);
  EXPECT_EQ(o.cause, zk_errc::connection_loss);
  EXPECT_FALSE(server_.contains("/brokers/topics/t"));
  EXPECT_OK(create_topic(topic("t")));  // the next attempt goes through
}

TEST_F(TopicWriterTest, ConcurrentCreateOneWinsTheOtherGetsTopicAlreadyExists) {
  // Two brokers, each its own session, requests interleaved one by one: both see no topic.
  fake_zk_client session_b(io_.get_executor(), server_);
  kb::test::yielding_zk_client a(io_.get_executor(), zk_);
  kb::test::yielding_zk_client b(io_.get_executor(), session_b);
  topic_writer writer_a(a, test_validator, draws());
  topic_writer writer_b(b, test_validator, draws());

  std::vector<admin_outcome> outcomes;
  for (topic_writer* w : {&writer_a, &writer_b}) {
    boost::asio::co_spawn(
        io_, [w, &outcomes]() -> awaitable<void> { outcomes.push_back(co_await w->create_topic(topic("race", 2, 2), write_mode::apply)); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  ASSERT_TRUE(run_until(io_, [&] { return outcomes.size() == 2; }));

  // Both got as far as creating the topic znode; ZooKeeper let one through.
  EXPECT_EQ(a.requests["create /brokers/topics/race"], 1);
  EXPECT_EQ(b.requests["create /brokers/topics/race"], 1);
  EXPECT_EQ(std::count_if(outcomes.begin(), outcomes.end(), [](const admin_outcome& o) { return o.ok(); }), 1);
  const admin_outcome& loser = outcomes[0].ok() ? outcomes[1] : outcomes[0];
  EXPECT_OUTCOME(loser, admin_error::topic_already_exists, "Topic 'race' already exists.");
  auto t = topic_znode::decode(*data("/brokers/topics/race"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().partitions.size(), 2u);
}

// --- delete_topic -----------------------------------------------------------------------------

TEST_F(TopicWriterTest, DeleteTopicCreatesTheNullMarker) {
  EXPECT_OK(create_topic(topic("old")));
  EXPECT_OK(run(io_, writer_.delete_topic("old")));
  EXPECT_TRUE(server_.contains("/admin/delete_topics/old"));
  EXPECT_EQ(server_.stat_of("/admin/delete_topics/old")->data_length, 0);
  EXPECT_EQ(data("/admin/delete_topics/old"), std::nullopt);
  // The topic stays until the controller has deleted it.
  EXPECT_TRUE(server_.contains("/brokers/topics/old"));
}

TEST_F(TopicWriterTest, DeletingATopicAlreadyMarkedSucceeds) {
  EXPECT_OK(create_topic(topic("old")));
  EXPECT_OK(run(io_, writer_.delete_topic("old")));
  EXPECT_OK(run(io_, writer_.delete_topic("old")));
}

TEST_F(TopicWriterTest, DeletingAnUnknownTopicIsUnknownTopicOrPartition) {
  EXPECT_OUTCOME(run(io_, writer_.delete_topic("nope")), admin_error::unknown_topic,
                 "Topic `nope` to delete does not exist");
  EXPECT_OUTCOME(run(io_, writer_.delete_topic("a/partitions")), admin_error::unknown_topic,
                 "Topic `a/partitions` to delete does not exist");
  EXPECT_EQ(children("/admin/delete_topics"), std::vector<std::string>{});
}

// Found by a review of the network fuzzer: one CreateTopics with half a billion partitions
// made the broker allocate for each of them until the kernel killed it.
TEST_F(TopicWriterTest, APartitionCountPastTheTopicLimitIsRefusedBeforeAnythingIsSized) {
  EXPECT_OUTCOME(create_topic(topic("huge", 536'870'913)), admin_error::invalid_partitions,
                 "Number of partitions 536870913 exceeds the maximum of 100000 per topic (the assignment must fit "
                 "in one ZooKeeper znode).");
  expect_nothing_written("huge");
}

TEST_F(TopicWriterTest, AnAssignmentTooLargeForOneZnodeIsRefused) {
  // 100,000 partitions at three replicas each encode to about 1.5 MB.
  const admin_outcome o = create_topic(topic("wide", 100'000, 3));
  EXPECT_EQ(to_string(o.error), std::string(to_string(admin_error::invalid_partitions)));
  EXPECT_NE(o.message.value_or("").find("jute.maxbuffer"), std::string::npos) << o.message.value_or("");
  expect_nothing_written("wide");
}

// --- create_partitions ------------------------------------------------------------------------

TEST_F(TopicWriterTest, CreatePartitionsPastTheTopicLimitIsRefused) {
  EXPECT_OK(create_topic(explicit_topic("grow", {{0, {1, 2}}})));
  EXPECT_OUTCOME(create_partitions("grow", 200'000), admin_error::invalid_partitions,
                 "Number of partitions 200000 exceeds the maximum of 100000 per topic (the assignment must fit in "
                 "one ZooKeeper znode).");
}

TEST_F(TopicWriterTest, CreatePartitionsAppendsKafkaPlacementAndKeepsTheTopicId) {
  EXPECT_OK(create_topic(explicit_topic("grow", {{0, {1, 2}}, {1, {2, 0}}})));
  const std::string id = *topic_znode::decode(*data("/brokers/topics/grow")).value().topic_id;
  EXPECT_OK(create_partitions("grow", 5));
  // Start at the broker of partition 0's leader (index 1), shift 1, from partition 2.
  EXPECT_EQ(data("/brokers/topics/grow"),
            R"({"partitions":{"0":[1,2],"1":[2,0],"2":[0,2],"3":[1,2],"4":[2,0]},"topic_id":")" + id +
                R"(","adding_replicas":{},"removing_replicas":{},"version":3})");
}

TEST_F(TopicWriterTest, CreatePartitionsWithExplicitAssignment) {
  EXPECT_OK(create_topic(explicit_topic("grow", {{0, {1, 2}}})));
  EXPECT_OK(create_partitions("grow", 3, std::vector<std::vector<int32_t>>{{0, 1}, {2, 0}}));
  auto t = topic_znode::decode(*data("/brokers/topics/grow"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().partitions, (replica_assignment{{0, {1, 2}}, {1, {0, 1}}, {2, {2, 0}}}));
}

TEST_F(TopicWriterTest, CreatePartitionsCountChecks) {
  EXPECT_OK(create_topic(topic("grow", 2, 1)));
  EXPECT_OUTCOME(create_partitions("grow", 1), admin_error::invalid_partitions,
                 "Topic currently has 2 partitions, which is higher than the requested 1.");
  EXPECT_OUTCOME(create_partitions("grow", 2), admin_error::invalid_partitions, "Topic already has 2 partitions.");
  EXPECT_OUTCOME(create_partitions("nope", 3), admin_error::unknown_topic, "The topic 'nope' does not exist.");
  EXPECT_OUTCOME(create_partitions("bad name!", 3), admin_error::unknown_topic,
                 "The topic 'bad name!' does not exist.");
}

TEST_F(TopicWriterTest, CreatePartitionsExplicitAssignmentChecks) {
  EXPECT_OK(create_topic(explicit_topic("grow", {{0, {0, 1}}, {1, {1, 2}}})));
  const std::string before = *data("/brokers/topics/grow");
  using lists = std::vector<std::vector<int32_t>>;
  EXPECT_OUTCOME(create_partitions("grow", 4, lists{{9, 0}, {7, 9}}), admin_error::invalid_replica_assignment,
                 "Unknown broker(s) in replica assignment: 9, 7.");
  EXPECT_OUTCOME(create_partitions("grow", 4, lists{{0, 1}}), admin_error::invalid_replica_assignment,
                 "Increasing the number of partitions by 2 but 1 assignments provided.");
  EXPECT_OUTCOME(create_partitions("grow", 3, lists{{}}), admin_error::invalid_replica_assignment,
                 "Cannot have replication factor of 0 for partition id 2.");
  EXPECT_OUTCOME(create_partitions("grow", 3, lists{{1, 1}}), admin_error::invalid_replica_assignment,
                 "Duplicate brokers not allowed in replica assignment: 1, 1 for partition id 2.");
  EXPECT_OUTCOME(create_partitions("grow", 5, lists{{0}, {0, 1}, {0, 1, 2}}), admin_error::invalid_replica_assignment,
                 "Inconsistent replication factor between partitions, partition 0 has 2 while partitions [2, 4] "
                 "have replication factors [1, 3], respectively.");
  EXPECT_EQ(data("/brokers/topics/grow"), before);
}

TEST_F(TopicWriterTest, CreatePartitionsNeedsEnoughBrokersForTheTopicsReplicationFactor) {
  EXPECT_OK(create_topic(topic("grow", 1, 3)));
  remove_broker(2);
  EXPECT_OUTCOME(create_partitions("grow", 2), admin_error::invalid_replication_factor,
                 "Replication factor: 3 larger than available brokers: 2.");
}

TEST_F(TopicWriterTest, CreatePartitionsRefusesWhileReassigning) {
  topic_assignment t;
  t.topic_id = "x";
  t.partitions = {{0, {4, 1}}};
  t.adding_replicas = {{0, {4}}};
  t.removing_replicas = {{0, {1}}};
  create("/brokers/topics/moving", topic_znode::encode(t));
  EXPECT_OUTCOME(create_partitions("moving", 2), admin_error::reassignment_in_progress,
                 "A partition reassignment is in progress for the topic 'moving'.");
}

TEST_F(TopicWriterTest, CreatePartitionsWithoutPartitionZeroIsUnexpected) {
  topic_assignment t;
  t.partitions = {{1, {0}}};
  create("/brokers/topics/odd", topic_znode::encode(t));
  admin_outcome o = create_partitions("odd", 3);
  EXPECT_EQ(o.error, admin_error::unexpected);
  EXPECT_EQ(o.message, "Unexpected existing replica assignment for topic 'odd', partition id 0 is missing.");
}

TEST_F(TopicWriterTest, CreatePartitionsValidateOnlyWritesNothing) {
  EXPECT_OK(create_topic(topic("grow", 1, 1)));
  const int32_t version = server_.stat_of("/brokers/topics/grow")->version;
  EXPECT_OK(create_partitions("grow", 4, std::nullopt, write_mode::validate_only));
  EXPECT_EQ(server_.stat_of("/brokers/topics/grow")->version, version);
}

TEST_F(TopicWriterTest, CreatePartitionsRereadsAfterAConcurrentWrite) {
  EXPECT_OK(create_topic(explicit_topic("grow", {{0, {0}}})));
  kb::test::yielding_zk_client racing(io_.get_executor(), zk_);
  topic_writer writer(racing, {}, draws());
  int interference = 0;
  // Just before our conditional write, "the controller" rewrites the znode once (as when it
  // back-fills a topic id): our write loses on the version, re-reads and wins.
  racing.before_set = [&](const std::string& path) -> awaitable<void> {
    if (interference++ == 0) {
      topic_assignment t;
      t.topic_id = "controller-id";
      t.partitions = {{0, {0}}};
      auto r = co_await zk_.set(path, topic_znode::encode(t));
      EXPECT_TRUE(r);
    }
  };
  EXPECT_OK(run(io_, writer.create_partitions("grow", 2, std::nullopt, write_mode::apply)));
  EXPECT_EQ(racing.requests["get /brokers/topics/grow"], 2);
  auto t = topic_znode::decode(*data("/brokers/topics/grow"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().topic_id, "controller-id");
  EXPECT_EQ(t.value().partitions.size(), 2u);
}

TEST_F(TopicWriterTest, CreatePartitionsGivesUpAfterLosingTwice) {
  EXPECT_OK(create_topic(explicit_topic("grow", {{0, {0}}})));
  kb::test::yielding_zk_client racing(io_.get_executor(), zk_);
  topic_writer writer(racing, {}, draws());
  racing.before_set = [&](const std::string& path) -> awaitable<void> {
    auto r = co_await zk_.set(path, *data(path));
    EXPECT_TRUE(r);
  };
  admin_outcome o = run(io_, writer.create_partitions("grow", 2, std::nullopt, write_mode::apply));
  EXPECT_EQ(o.error, admin_error::zookeeper_error);
  EXPECT_EQ(o.cause, zk_errc::bad_version);
  EXPECT_EQ(topic_znode::decode(*data("/brokers/topics/grow")).value().partitions.size(), 1u);
}

// --- set_topic_config -------------------------------------------------------------------------

TEST_F(TopicWriterTest, SetTopicConfigReplacesOverridesAndPostsAChangeNotification) {
  EXPECT_OK(create_topic(topic("conf", 1, 1, {{"cleanup.policy", "compact"}})));
  EXPECT_OK(set_config("conf", {{"retention.ms", "60000"}}));
  EXPECT_EQ(data("/config/topics/conf"), R"({"version":1,"config":{"retention.ms":"60000"}})");
  EXPECT_EQ(children("/config/changes"), std::vector<std::string>{"config_change_0000000000"});
  EXPECT_EQ(data("/config/changes/config_change_0000000000"), R"({"version":2,"entity_path":"topics/conf"})");

  EXPECT_OK(set_config("conf", {}));
  EXPECT_EQ(data("/config/topics/conf"), R"({"version":1,"config":{}})");
  EXPECT_EQ(children("/config/changes"),
            (std::vector<std::string>{"config_change_0000000000", "config_change_0000000001"}));
}

TEST_F(TopicWriterTest, SetTopicConfigCreatesAMissingConfigZnode) {
  EXPECT_OK(create_topic(topic("conf")));
  ASSERT_TRUE(run(io_, zk_.remove("/config/topics/conf")));
  EXPECT_OK(set_config("conf", {{"cleanup.policy", "compact"}}));
  EXPECT_EQ(data("/config/topics/conf"), R"({"version":1,"config":{"cleanup.policy":"compact"}})");
}

TEST_F(TopicWriterTest, SetTopicConfigRefusals) {
  EXPECT_OK(create_topic(topic("conf")));
  const std::string before = *data("/config/topics/conf");
  EXPECT_OUTCOME(set_config("", {}), admin_error::invalid_request, "Default topic resources are not allowed.");
  EXPECT_OUTCOME(set_config("nope", {}), admin_error::unknown_topic, "The topic 'nope' does not exist.");
  EXPECT_OUTCOME(set_config("conf", {{"retention.ms", "x"}}), admin_error::invalid_config,
                 "Invalid config value for resource ConfigResource(type=TOPIC, name='conf'): "
                 "Invalid value x for configuration retention.ms: Not a number of type LONG");
  EXPECT_OUTCOME(set_config("conf", {{"retention.ms", "x"}, {"segment.whatever", "1"}}), admin_error::invalid_config,
                 "Unknown topic config name: segment.whatever");
  EXPECT_OK(set_config("conf", {{"retention.ms", "1"}}, write_mode::validate_only));
  EXPECT_EQ(data("/config/topics/conf"), before);
  EXPECT_EQ(children("/config/changes"), std::vector<std::string>{});
}

// --- registered_brokers -----------------------------------------------------------------------

TEST_F(TopicWriterTest, RegisteredBrokersAreSortedNumerically) {
  add_broker(10);
  create("/brokers/ids/not-a-broker");
  auto ids = run(io_, registered_brokers(zk_));
  ASSERT_TRUE(ids);
  EXPECT_EQ(ids.value(), (std::vector<int32_t>{0, 1, 2, 10}));
}

}  // namespace
}  // namespace kb::zkmeta
