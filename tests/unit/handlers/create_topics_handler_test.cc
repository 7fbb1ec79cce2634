#include "brokerd/handlers/create_topics_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/create_topics.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;
using request = protocol::create_topics_request;
using response = protocol::create_topics_response;

class CreateTopicsHandlerTest : public HandlerTest {
 protected:
  response create(const request& req, int16_t version = 4) {
    return call<response>(serve<protocol::create_topics_api>(services_, handle_create_topics), req, version);
  }
  static request one(request::creatable_topic t, int32_t timeout_ms = 5000) {
    request req;
    req.topics = {std::move(t)};
    req.timeout_ms = timeout_ms;
    return req;
  }
};

TEST_F(CreateTopicsHandlerTest, CreatesTopicAndAnswersNoneOnceLeadersAreElected) {
  auto resp = create(one({"orders", 3, 1, {}, {}}));
  ASSERT_EQ(resp.topics.size(), 1u);
  EXPECT_EQ(resp.topics[0].name, "orders");
  EXPECT_EQ(resp.topics[0].error_code, error_code::none);
  EXPECT_EQ(resp.topics[0].error_message, std::nullopt);
  ASSERT_EQ(admin_.creates.size(), 1u);
  EXPECT_EQ(admin_.creates[0].topic.partitions, 3);
  EXPECT_EQ(admin_.creates[0].topic.replication_factor, 1);
  EXPECT_FALSE(admin_.creates[0].validate_only);
  ASSERT_NE(metadata_.topic("orders"), nullptr);
  EXPECT_EQ(metadata_.topic("orders")->partitions.size(), 3u);
}

TEST_F(CreateTopicsHandlerTest, WaitsForLeadersElectedElsewhere) {
  admin_.mode = fake_topic_admin::propagation::after_delay;
  admin_.leader = 2;  // no local replica: only the topic's metadata changes
  auto start = clock_.now();
  auto resp = create(one({"orders", 2, 1, {}, {}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::none);
  EXPECT_EQ(clock_.now() - start, admin_.delay) << "answered as soon as the leaders were known";
  ASSERT_NE(metadata_.partition({"orders", 1}), nullptr);
  EXPECT_EQ(metadata_.partition({"orders", 1})->leader, 2);
}

TEST_F(CreateTopicsHandlerTest, TopicWithoutLeadersByTheTimeoutIsRequestTimedOut) {
  admin_.mode = fake_topic_admin::propagation::never;
  auto resp = create(one({"orders", 1, 1, {}, {}}, 100));
  EXPECT_EQ(resp.topics[0].error_code, error_code::request_timed_out);
  EXPECT_EQ(admin_.creates.size(), 1u);
}

TEST_F(CreateTopicsHandlerTest, ZeroTimeoutCreatesButAnswersRequestTimedOut) {
  auto resp = create(one({"orders", 1, 1, {}, {}}, 0));
  EXPECT_EQ(resp.topics[0].error_code, error_code::request_timed_out);
  EXPECT_NE(metadata_.topic("orders"), nullptr);
}

TEST_F(CreateTopicsHandlerTest, ValidateOnlyNeitherCreatesNorWaits) {
  admin_.mode = fake_topic_admin::propagation::never;
  auto req = one({"orders", 1, 1, {}, {}});
  req.validate_only = true;
  auto resp = create(req);
  EXPECT_EQ(resp.topics[0].error_code, error_code::none);
  ASSERT_EQ(admin_.creates.size(), 1u);
  EXPECT_TRUE(admin_.creates[0].validate_only);
  EXPECT_EQ(metadata_.topic("orders"), nullptr);
}

TEST_F(CreateTopicsHandlerTest, NonControllerAnswersNotControllerForEveryTopic) {
  metadata_.set_controller(2);
  request req;
  req.topics = {{"a", 1, 1, {}, {}}, {"b", 1, 1, {}, {}}};
  auto resp = create(req);
  ASSERT_EQ(resp.topics.size(), 2u);
  EXPECT_EQ(resp.topics[0].error_code, error_code::not_controller);
  EXPECT_EQ(resp.topics[1].error_code, error_code::not_controller);
  EXPECT_TRUE(admin_.creates.empty());
}

TEST_F(CreateTopicsHandlerTest, DuplicateNamesAreInvalidRequestWhileOthersAreCreated) {
  request req;
  req.topics = {{"dup", 1, 1, {}, {}}, {"ok", 1, 1, {}, {}}, {"dup", 2, 1, {}, {}}};
  req.timeout_ms = 5000;
  auto resp = create(req);
  ASSERT_EQ(resp.topics.size(), 3u);
  EXPECT_EQ(resp.topics[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.topics[0].error_message, "Found multiple entries for this topic.");
  EXPECT_EQ(resp.topics[1].error_code, error_code::none);
  EXPECT_EQ(resp.topics[2].error_code, error_code::invalid_request);
  ASSERT_EQ(admin_.creates.size(), 1u);
  EXPECT_EQ(admin_.creates[0].topic.name, "ok");
}

TEST_F(CreateTopicsHandlerTest, MinusOneCountsTakeTheBrokerDefaults) {
  settings_.num_partitions = 4;
  settings_.default_replication_factor = 3;
  auto resp = create(one({"orders", -1, -1, {}, {}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::none);
  ASSERT_EQ(admin_.creates.size(), 1u);
  EXPECT_EQ(admin_.creates[0].topic.partitions, 4);
  EXPECT_EQ(admin_.creates[0].topic.replication_factor, 3);
  EXPECT_EQ(metadata_.topic("orders")->partitions.size(), 4u);
}

TEST_F(CreateTopicsHandlerTest, AssignmentsTogetherWithCountsAreInvalidRequest) {
  auto resp = create(one({"orders", 2, -1, {{0, {1}}, {1, {2}}}, {}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.topics[0].error_message,
            "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the "
            "same time.");
  EXPECT_TRUE(admin_.creates.empty());
}

TEST_F(CreateTopicsHandlerTest, ExplicitAssignmentIsPassedToTheAdmin) {
  auto resp = create(one({"orders", -1, -1, {{0, {1, 2}}, {1, {2, 1}}}, {}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::none);
  ASSERT_EQ(admin_.creates.size(), 1u);
  const cluster::new_topic& t = admin_.creates[0].topic;
  EXPECT_EQ(t.assignment, (std::map<int32_t, std::vector<int32_t>>{{0, {1, 2}}, {1, {2, 1}}}));
  EXPECT_EQ(t.partitions, -1);  // the assignment says it all
  EXPECT_EQ(t.replication_factor, -1);
  EXPECT_EQ(metadata_.partition({"orders", 1})->leader, 2);
}

TEST_F(CreateTopicsHandlerTest, InvalidConfigValueIsInvalidConfigWithKafkasMessage) {
  auto resp = create(one({"orders", 1, 1, {}, {{"retention.ms", "abc"}}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.topics[0].error_message, "Invalid value abc for configuration retention.ms: Not a number of type LONG");
  EXPECT_TRUE(admin_.creates.empty());
}

TEST_F(CreateTopicsHandlerTest, UnknownConfigNameIsReportedBeforeBadValues) {
  auto resp = create(one({"orders", 1, 1, {}, {{"retention.ms", "abc"}, {"no.such.key", "1"}}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.topics[0].error_message, "Unknown topic config name: no.such.key");
}

TEST_F(CreateTopicsHandlerTest, NullConfigValueIsInvalidConfig) {
  auto resp = create(one({"orders", 1, 1, {}, {{"retention.ms", std::nullopt}, {"segment.ms", std::nullopt}}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.topics[0].error_message, "Null value not supported for topic configs: retention.ms,segment.ms");
}

TEST_F(CreateTopicsHandlerTest, ValidConfigsAreWrittenWithTheTopic) {
  auto resp = create(one({"orders", 1, 1, {}, {{"cleanup.policy", "compact"}, {"retention.ms", "1000"}}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::none);
  ASSERT_EQ(admin_.creates.size(), 1u);
  EXPECT_EQ(admin_.creates[0].topic.config,
            (std::map<std::string, std::string>{{"cleanup.policy", "compact"}, {"retention.ms", "1000"}}));
}

TEST_F(CreateTopicsHandlerTest, ExistingTopicIsTopicAlreadyExists) {
  add_topic("orders", 1);
  auto resp = create(one({"orders", 1, 1, {}, {}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::topic_already_exists);
  EXPECT_EQ(resp.topics[0].error_message, "Topic 'orders' already exists.");
  EXPECT_TRUE(admin_.creates.empty());
}

TEST_F(CreateTopicsHandlerTest, AdminErrorIsReturnedWithItsMessage) {
  admin_.next_result = cluster::admin_result{error_code::invalid_replication_factor,
                                             "Replication factor: 5 larger than available brokers: 3."};
  auto resp = create(one({"orders", 1, 5, {}, {}}));
  EXPECT_EQ(resp.topics[0].error_code, error_code::invalid_replication_factor);
  EXPECT_EQ(resp.topics[0].error_message, "Replication factor: 5 larger than available brokers: 3.");
}

TEST_F(CreateTopicsHandlerTest, VersionZeroAnswersWithoutErrorMessages) {
  auto resp = create(one({"orders", 1, 1, {}, {{"retention.ms", "abc"}}}), 0);
  EXPECT_EQ(resp.topics[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.topics[0].error_message, std::string());  // not on the wire: the decoder's default
}

}  // namespace
}  // namespace kb::handlers::test
