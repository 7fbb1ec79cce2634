#include "brokerd/handlers/create_partitions_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/create_partitions.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;
using request = protocol::create_partitions_request;
using response = protocol::create_partitions_response;
using assignments = std::optional<std::vector<request::create_partitions_assignment>>;

class CreatePartitionsHandlerTest : public HandlerTest {
 protected:
  CreatePartitionsHandlerTest() { add_topic("orders", 3); }

  response extend(std::vector<request::create_partitions_topic> topics, int32_t timeout_ms = 5000,
                  bool validate_only = false) {
    request req;
    req.topics = std::move(topics);
    req.timeout_ms = timeout_ms;
    req.validate_only = validate_only;
    return call<response>(serve<protocol::create_partitions_api>(services_, handle_create_partitions), req, 1);
  }
  response extend_one(std::string name, int32_t count, assignments a = std::nullopt, int32_t timeout_ms = 5000) {
    return extend({{std::move(name), count, std::move(a)}}, timeout_ms);
  }
};

TEST_F(CreatePartitionsHandlerTest, AddsPartitionsAndAnswersNoneOnceTheyHaveLeaders) {
  admin_.mode = fake_topic_admin::propagation::after_delay;
  auto resp = extend_one("orders", 5);
  ASSERT_EQ(resp.results.size(), 1u);
  EXPECT_EQ(resp.results[0].error_code, error_code::none);
  EXPECT_EQ(resp.results[0].error_message, std::nullopt);
  ASSERT_EQ(admin_.partition_calls.size(), 1u);
  EXPECT_EQ(admin_.partition_calls[0].total, 5);
  EXPECT_TRUE(admin_.partition_calls[0].assignment.empty());
  ASSERT_NE(metadata_.partition({"orders", 4}), nullptr);
  EXPECT_EQ(metadata_.partition({"orders", 4})->leader, local_id);
}

TEST_F(CreatePartitionsHandlerTest, ExplicitAssignmentIsPassedToTheAdmin) {
  auto resp = extend_one("orders", 5, std::vector<request::create_partitions_assignment>{{{2, 1}}, {{3, 1}}});
  EXPECT_EQ(resp.results[0].error_code, error_code::none);
  ASSERT_EQ(admin_.partition_calls.size(), 1u);
  EXPECT_EQ(admin_.partition_calls[0].assignment, (std::vector<std::vector<int32_t>>{{2, 1}, {3, 1}}));
  EXPECT_EQ(metadata_.partition({"orders", 3})->leader, 2);
}

TEST_F(CreatePartitionsHandlerTest, NewPartitionsWithoutLeadersByTheTimeoutAreRequestTimedOut) {
  admin_.mode = fake_topic_admin::propagation::never;
  auto resp = extend_one("orders", 4, std::nullopt, 100);
  EXPECT_EQ(resp.results[0].error_code, error_code::request_timed_out);
  EXPECT_EQ(resp.results[0].error_message, std::nullopt);
}

TEST_F(CreatePartitionsHandlerTest, ValidateOnlyDoesNotWait) {
  admin_.mode = fake_topic_admin::propagation::never;
  auto resp = extend({{"orders", 4, std::nullopt}}, 5000, true);
  EXPECT_EQ(resp.results[0].error_code, error_code::none);
  ASSERT_EQ(admin_.partition_calls.size(), 1u);
  EXPECT_TRUE(admin_.partition_calls[0].validate_only);
}

TEST_F(CreatePartitionsHandlerTest, NonControllerAnswersNotController) {
  metadata_.set_controller(2);
  auto resp = extend_one("orders", 5);
  EXPECT_EQ(resp.results[0].error_code, error_code::not_controller);
  EXPECT_TRUE(admin_.partition_calls.empty());
}

TEST_F(CreatePartitionsHandlerTest, UnknownTopicIsUnknownTopicOrPartition) {
  auto resp = extend_one("nope", 5);
  EXPECT_EQ(resp.results[0].error_code, error_code::unknown_topic_or_partition);
  EXPECT_EQ(resp.results[0].error_message, "The topic 'nope' does not exist.");
}

TEST_F(CreatePartitionsHandlerTest, FewerPartitionsThanNowIsInvalidPartitions) {
  auto resp = extend_one("orders", 2);
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_partitions);
  EXPECT_EQ(resp.results[0].error_message, "Topic currently has 3 partitions, which is higher than the requested 2.");
  EXPECT_TRUE(admin_.partition_calls.empty());
}

TEST_F(CreatePartitionsHandlerTest, SamePartitionCountIsInvalidPartitions) {
  auto resp = extend_one("orders", 3);
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_partitions);
  EXPECT_EQ(resp.results[0].error_message, "Topic already has 3 partitions.");
}

TEST_F(CreatePartitionsHandlerTest, AssignmentCountMismatchIsInvalidReplicaAssignment) {
  auto resp = extend_one("orders", 5, std::vector<request::create_partitions_assignment>{{{1}}});
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_replica_assignment);
  EXPECT_EQ(resp.results[0].error_message, "Increasing the number of partitions by 2 but 1 assignments provided.");
  EXPECT_TRUE(admin_.partition_calls.empty());
}

TEST_F(CreatePartitionsHandlerTest, UnknownBrokerInAssignmentIsInvalidReplicaAssignment) {
  auto resp = extend_one("orders", 4, std::vector<request::create_partitions_assignment>{{{9, 1, 7}}});
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_replica_assignment);
  EXPECT_EQ(resp.results[0].error_message, "Unknown broker(s) in replica assignment: 7, 9.");
}

TEST_F(CreatePartitionsHandlerTest, DuplicateTopicIsOneInvalidRequestResult) {
  auto resp = extend({{"orders", 4, std::nullopt}, {"orders", 5, std::nullopt}});
  ASSERT_EQ(resp.results.size(), 1u);
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.results[0].error_message, "Duplicate topic in request.");
  EXPECT_TRUE(admin_.partition_calls.empty());
}

TEST_F(CreatePartitionsHandlerTest, TopicQueuedForDeletionIsInvalidTopic) {
  metadata_.mutable_topic("orders")->marked_for_deletion = true;
  auto resp = extend_one("orders", 5);
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_topic_exception);
  EXPECT_EQ(resp.results[0].error_message, "The topic is queued for deletion.");
}

TEST_F(CreatePartitionsHandlerTest, AdminErrorIsReturnedWithItsMessage) {
  admin_.next_result = cluster::admin_result{error_code::invalid_replication_factor, "not enough brokers"};
  auto resp = extend_one("orders", 5);
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_replication_factor);
  EXPECT_EQ(resp.results[0].error_message, "not enough brokers");
}

}  // namespace
}  // namespace kb::handlers::test
