// ListOffsets on a leader and on a follower: who answers, up to which offset, and what an
// offline log (its dir failed) answers.
#include "brokerd/handlers/list_offsets_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/list_offsets.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;

// "led" (this broker leads, replicas {1, 2}) and "followed" (broker 2 leads, replicas {2, 1}),
// 10 records each, none committed in "led" (follower 2 has not fetched them).
class ListOffsetsHandlerTest : public HandlerTest {
 protected:
  ListOffsetsHandlerTest() {
    add_topic("led", 1, {local_id, 2});
    produce("led", 0, 2, 5);
    add_topic("followed", 1, {2, local_id});
    auto batch = kb::test::make_batch(10);
    EXPECT_TRUE(local("followed", 0).log().append_as_follower(batch, now_ms_));
  }

  protocol::list_offsets_partition_response latest(const std::string& topic, int32_t replica_id) {
    protocol::list_offsets_request req;
    req.replica_id = replica_id;
    req.topics.push_back({topic, {{0, -1, protocol::list_offsets_latest_timestamp, 1}}});
    auto resp = call<protocol::list_offsets_response>(
        serve<protocol::list_offsets_api>(services_, handle_list_offsets), req, protocol::list_offsets_max_version);
    return resp.topics.at(0).partitions.at(0);
  }
};

TEST_F(ListOffsetsHandlerTest, AConsumerSeesUpToTheHighWatermarkAndAFollowerUpToTheLogEnd) {
  EXPECT_EQ(latest("led", protocol::list_offsets_consumer_replica_id).offset, 0);
  EXPECT_EQ(latest("led", 2).offset, 10);
}

TEST_F(ListOffsetsHandlerTest, OnlyTheLeaderAnswersAConsumer) {
  EXPECT_EQ(latest("followed", protocol::list_offsets_consumer_replica_id).error_code,
            error_code::not_leader_or_follower);
}

// Kafka's DEBUGGING_REPLICA_ID: any replica answers, from its own log end.
TEST_F(ListOffsetsHandlerTest, AnyReplicaAnswersADebuggingToolFromItsLogEnd) {
  auto followed = latest("followed", protocol::list_offsets_debugging_replica_id);
  EXPECT_EQ(followed.error_code, error_code::none);
  EXPECT_EQ(followed.offset, 10);
  EXPECT_EQ(latest("led", protocol::list_offsets_debugging_replica_id).offset, 10);
}

// Its log dir failed: every request for it answers KAFKA_STORAGE_ERROR, leader or follower
// (Kafka's HostedPartition.Offline), even where no disk read is needed.
TEST_F(ListOffsetsHandlerTest, AnOfflineReplicaAnswersKafkaStorageError) {
  local("led", 0).log().take_offline("test: its dir failed");
  local("followed", 0).log().take_offline("test: its dir failed");
  EXPECT_EQ(latest("led", protocol::list_offsets_consumer_replica_id).error_code, error_code::kafka_storage_error);
  EXPECT_EQ(latest("followed", protocol::list_offsets_debugging_replica_id).error_code,
            error_code::kafka_storage_error);
}

}  // namespace
}  // namespace kb::handlers::test
