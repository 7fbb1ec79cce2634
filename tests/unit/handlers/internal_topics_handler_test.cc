// __consumer_offsets belongs to the group coordinator: clients may not produce to it (but for
// Kafka's admin client id), and a Metadata request does not auto-create it as an ordinary topic.
#include "brokerd/handlers/metadata_handler.h"
#include "brokerd/handlers/produce_handler.h"
#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/protocol/messages/produce.h"
#include "tests/support/batches.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;

class InternalTopicsTest : public HandlerTest {
 protected:
  protocol::produce_partition_response produce_to_offsets_topic(const std::string& client_id) {
    auto batch = kb::test::make_batch(1);
    protocol::produce_request req;
    req.acks = 1;
    req.timeout_ms = 1000;
    auto& topic = req.topic_data.emplace_back();
    topic.name = "__consumer_offsets";
    auto& part = topic.partition_data.emplace_back();
    part.index = 0;
    part.records = std::span<std::byte>(batch);
    auto pending = start(serve<protocol::produce_api>(services_, handle_produce), req, 7);
    pending->ctx.header.client_id = client_id;
    return finish<protocol::produce_response>(*pending).responses.at(0).partition_responses.at(0);
  }
};

TEST_F(InternalTopicsTest, AClientCannotProduceToConsumerOffsets) {
  add_topic("__consumer_offsets", 1);
  auto r = produce_to_offsets_topic("rdkafka");
  EXPECT_EQ(r.error_code, error_code::invalid_topic_exception);
  EXPECT_EQ(local("__consumer_offsets", 0).log().log_end_offset(), 0) << "nothing written";
}

TEST_F(InternalTopicsTest, KafkasAdminClientIdMayProduceToIt) {
  add_topic("__consumer_offsets", 1);
  EXPECT_EQ(produce_to_offsets_topic("__admin_client").error_code, error_code::none);
}

TEST_F(InternalTopicsTest, MetadataDoesNotAutoCreateConsumerOffsets) {
  settings_.auto_create_topics = true;
  protocol::metadata_request req;
  req.topics = std::vector<protocol::metadata_request_topic>{{"__consumer_offsets"}};
  req.allow_auto_topic_creation = true;
  auto resp = call<protocol::metadata_response>(serve<protocol::metadata_api>(services_, handle_metadata), req, 4);
  ASSERT_EQ(resp.topics.size(), 1u);
  EXPECT_EQ(resp.topics[0].error_code, error_code::unknown_topic_or_partition);
  EXPECT_TRUE(resp.topics[0].is_internal);
  EXPECT_TRUE(admin_.creates.empty()) << "left to the group coordinator";
}

}  // namespace
}  // namespace kb::handlers::test
