#include "brokerd/handlers/delete_topics_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/delete_topics.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;
using request = protocol::delete_topics_request;
using response = protocol::delete_topics_response;

class DeleteTopicsHandlerTest : public HandlerTest {
 protected:
  response remove(std::vector<std::string> names, int32_t timeout_ms = 5000, int16_t version = 3) {
    request req;
    req.topic_names = std::move(names);
    req.timeout_ms = timeout_ms;
    return call<response>(serve<protocol::delete_topics_api>(services_, handle_delete_topics), req, version);
  }
};

TEST_F(DeleteTopicsHandlerTest, DeletesTopicAndAnswersNoneOnceGoneFromMetadata) {
  add_topic("orders", 2);
  admin_.mode = fake_topic_admin::propagation::after_delay;
  auto resp = remove({"orders"});
  ASSERT_EQ(resp.responses.size(), 1u);
  EXPECT_EQ(resp.responses[0].name, "orders");
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(admin_.deletes, std::vector<std::string>{"orders"});
  EXPECT_EQ(metadata_.topic("orders"), nullptr);
  EXPECT_EQ(replicas_.get({"orders", 0}), nullptr);
}

TEST_F(DeleteTopicsHandlerTest, TopicStillPresentAtTheTimeoutIsRequestTimedOut) {
  add_topic("orders", 1);
  admin_.mode = fake_topic_admin::propagation::never;
  auto resp = remove({"orders"}, 100);
  EXPECT_EQ(resp.responses[0].error_code, error_code::request_timed_out);
  EXPECT_EQ(admin_.deletes.size(), 1u);
}

TEST_F(DeleteTopicsHandlerTest, ZeroTimeoutMarksForDeletionButAnswersRequestTimedOut) {
  add_topic("orders", 1);
  auto resp = remove({"orders"}, 0);
  EXPECT_EQ(resp.responses[0].error_code, error_code::request_timed_out);
  EXPECT_EQ(admin_.deletes.size(), 1u);
}

TEST_F(DeleteTopicsHandlerTest, UnknownTopicIsUnknownTopicOrPartition) {
  add_topic("orders", 1);
  auto resp = remove({"nope", "orders"});
  ASSERT_EQ(resp.responses.size(), 2u);
  EXPECT_EQ(resp.responses[0].error_code, error_code::unknown_topic_or_partition);
  EXPECT_EQ(resp.responses[1].error_code, error_code::none);
  EXPECT_EQ(admin_.deletes, std::vector<std::string>{"orders"});
}

TEST_F(DeleteTopicsHandlerTest, NonControllerAnswersNotController) {
  add_topic("orders", 1);
  metadata_.set_controller(3);
  auto resp = remove({"orders", "nope"});
  EXPECT_EQ(resp.responses[0].error_code, error_code::not_controller);
  EXPECT_EQ(resp.responses[1].error_code, error_code::not_controller);
  EXPECT_TRUE(admin_.deletes.empty());
  EXPECT_NE(metadata_.topic("orders"), nullptr);
}

TEST_F(DeleteTopicsHandlerTest, DeletionDisabledIsTopicDeletionDisabledFromVersionThree) {
  add_topic("orders", 1);
  admin_.next_result = cluster::admin_result{error_code::topic_deletion_disabled, std::nullopt};
  auto resp = remove({"orders"});
  EXPECT_EQ(resp.responses[0].error_code, error_code::topic_deletion_disabled);
}

TEST_F(DeleteTopicsHandlerTest, DeletionDisabledIsInvalidRequestBeforeVersionThree) {
  add_topic("orders", 1);
  admin_.next_result = cluster::admin_result{error_code::topic_deletion_disabled, std::nullopt};
  auto resp = remove({"orders"}, 5000, 2);
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
}

TEST_F(DeleteTopicsHandlerTest, NameListedTwiceIsDeletedOnceAndAnsweredTwice) {
  add_topic("orders", 1);
  auto resp = remove({"orders", "orders"}, 5000, 0);
  ASSERT_EQ(resp.responses.size(), 2u);
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(resp.responses[1].error_code, error_code::none);
  EXPECT_EQ(admin_.deletes.size(), 1u);
}

}  // namespace
}  // namespace kb::handlers::test
