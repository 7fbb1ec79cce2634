// A leader whose ZooKeeper session lease has lapsed (it may have been replaced while frozen
// or cut off) refuses writes with NOT_LEADER_OR_FOLLOWER, appends nothing, and answers no
// Metadata (its view may be stale; the connection closes). With the lease held again it
// leads as before.
#include <gtest/gtest.h>

#include "brokerd/handlers/delete_records_handler.h"
#include "brokerd/handlers/metadata_handler.h"
#include "brokerd/handlers/produce_handler.h"
#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/delete_records.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/protocol/messages/produce.h"
#include "tests/support/batches.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;

constexpr int32_t other_broker = 2;

class SessionLeaseHandlersTest : public HandlerTest {
 protected:
  SessionLeaseHandlersTest() {
    settings_.broker_id = local_id;
    add_topic("mine", 1, {local_id});
    add_topic("theirs", 1, {other_broker, local_id});
  }

  protocol::produce_partition_response produce_acks1() {
    batch_ = kb::test::make_batch(2);
    protocol::produce_request req;
    req.acks = 1;
    req.timeout_ms = 1000;
    auto& topic = req.topic_data.emplace_back();
    topic.name = "mine";
    auto& part = topic.partition_data.emplace_back();
    part.index = 0;
    part.records = std::span<std::byte>(batch_);
    auto resp = call<protocol::produce_response>(serve<protocol::produce_api>(services_, handle_produce), req, 7);
    return resp.responses.at(0).partition_responses.at(0);
  }

  protocol::metadata_response_partition metadata_of(const std::string& topic) {
    protocol::metadata_request req;
    req.topics = std::vector<protocol::metadata_request_topic>{{topic}};
    auto resp = call<protocol::metadata_response>(serve<protocol::metadata_api>(services_, handle_metadata), req, 8);
    return resp.topics.at(0).partitions.at(0);
  }

  std::vector<std::byte> batch_;
};

TEST_F(SessionLeaseHandlersTest, ProduceIsRefusedAndAppendsNothingWhileTheLeaseHasLapsed) {
  lease_.set_held(false);
  EXPECT_EQ(produce_acks1().error_code, error_code::not_leader_or_follower);
  EXPECT_EQ(local("mine", 0).log().log_end_offset(), 0);
}

TEST_F(SessionLeaseHandlersTest, ProduceSucceedsAgainOnceTheLeaseIsHeld) {
  lease_.set_held(false);
  ASSERT_EQ(produce_acks1().error_code, error_code::not_leader_or_follower);
  lease_.set_held(true);
  auto pr = produce_acks1();
  EXPECT_EQ(pr.error_code, error_code::none);
  EXPECT_EQ(pr.base_offset, 0);
}

TEST_F(SessionLeaseHandlersTest, MetadataIsRefusedSoTheClientAsksAnotherBrokerWhileTheLeaseHasLapsed) {
  // A handler that throws closes its connection (the client then asks another broker).
  lease_.set_held(false);
  EXPECT_ANY_THROW(metadata_of("theirs"));
}

TEST_F(SessionLeaseHandlersTest, MetadataNamesThisBrokerLeaderWhileTheLeaseIsHeld) {
  auto p = metadata_of("mine");
  EXPECT_EQ(p.leader_id, local_id);
  EXPECT_EQ(p.error_code, error_code::none);
}

TEST_F(SessionLeaseHandlersTest, DeleteRecordsIsRefusedWhileTheLeaseHasLapsed) {
  ASSERT_EQ(produce_acks1().error_code, error_code::none);
  lease_.set_held(false);
  protocol::delete_records_request req;
  auto& topic = req.topics.emplace_back();
  topic.name = "mine";
  topic.partitions.push_back({0, 1});
  auto resp = call<protocol::delete_records_response>(
      serve<protocol::delete_records_api>(services_, handle_delete_records), req, 1);
  EXPECT_EQ(resp.topics.at(0).partitions.at(0).error_code, error_code::not_leader_or_follower);
  EXPECT_EQ(local("mine", 0).log().log_start_offset(), 0);
}

}  // namespace
}  // namespace kb::handlers::test
