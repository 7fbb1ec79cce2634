#include "brokerd/handlers/delete_records_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/delete_records.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;
using request = protocol::delete_records_request;
using response = protocol::delete_records_response;
using result = response::delete_records_partition_result;

class DeleteRecordsHandlerTest : public HandlerTest {
 protected:
  DeleteRecordsHandlerTest() {
    add_topic("events", 1);
    produce("events", 0, 4, 5);  // offsets 0-19, all committed
  }

  response delete_to(const std::string& topic, std::vector<request::delete_records_partition> partitions,
                     int16_t version = 1) {
    request req;
    req.topics = {{topic, std::move(partitions)}};
    req.timeout_ms = 1000;
    return call<response>(serve<protocol::delete_records_api>(services_, handle_delete_records), req, version);
  }
  result delete_one(const std::string& topic, int32_t partition, int64_t offset) {
    auto resp = delete_to(topic, {{partition, offset}});
    EXPECT_EQ(resp.topics.size(), 1u);
    EXPECT_EQ(resp.topics.at(0).name, topic);
    EXPECT_EQ(resp.topics.at(0).partitions.size(), 1u);
    return resp.topics.at(0).partitions.at(0);
  }
};

TEST_F(DeleteRecordsHandlerTest, MovesTheLogStartOffsetAndAnswersItAsLowWatermark) {
  result r = delete_one("events", 0, 7);
  EXPECT_EQ(r.partition_index, 0);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.low_watermark, 7);
  EXPECT_EQ(local("events", 0).log().log_start_offset(), 7);
}

TEST_F(DeleteRecordsHandlerTest, MinusOneMeansTheHighWatermark) {
  result r = delete_one("events", 0, -1);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.low_watermark, 20);
  EXPECT_EQ(local("events", 0).log().log_start_offset(), 20);
}

TEST_F(DeleteRecordsHandlerTest, OffsetPastTheHighWatermarkIsOffsetOutOfRange) {
  add_topic("replicated", 1, {local_id, 2});
  produce("replicated", 0, 2, 5);  // log end 10; the follower has not fetched
  local("replicated", 0).record_follower_fetch(2, 4, now_ms_);
  ASSERT_EQ(local("replicated", 0).high_watermark(), 4);

  result r = delete_one("replicated", 0, 6);
  EXPECT_EQ(r.error_code, error_code::offset_out_of_range);
  EXPECT_EQ(r.low_watermark, -1);
  EXPECT_EQ(local("replicated", 0).log().log_start_offset(), 0);

  result at_hw = delete_one("replicated", 0, 4);
  EXPECT_EQ(at_hw.error_code, error_code::none);
  EXPECT_EQ(at_hw.low_watermark, 4);
}

TEST_F(DeleteRecordsHandlerTest, NegativeOffsetOtherThanMinusOneIsOffsetOutOfRange) {
  result r = delete_one("events", 0, -2);
  EXPECT_EQ(r.error_code, error_code::offset_out_of_range);
  EXPECT_EQ(local("events", 0).log().log_start_offset(), 0);
}

TEST_F(DeleteRecordsHandlerTest, OffsetBelowTheLogStartLeavesItWhereItIs) {
  ASSERT_EQ(delete_one("events", 0, 10).error_code, error_code::none);
  result r = delete_one("events", 0, 3);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.low_watermark, 10);
  EXPECT_EQ(local("events", 0).log().log_start_offset(), 10);
}

TEST_F(DeleteRecordsHandlerTest, FollowerReplicaIsNotLeaderOrFollower) {
  add_topic("led-elsewhere", 1, {2, local_id});
  ASSERT_NE(replicas_.get({"led-elsewhere", 0}), nullptr);
  result r = delete_one("led-elsewhere", 0, 0);
  EXPECT_EQ(r.error_code, error_code::not_leader_or_follower);
  EXPECT_EQ(r.low_watermark, -1);
}

TEST_F(DeleteRecordsHandlerTest, PartitionNotHostedHereIsNotLeaderOrFollower) {
  add_topic("remote", 1, {2, 3});
  result r = delete_one("remote", 0, 0);
  EXPECT_EQ(r.error_code, error_code::not_leader_or_follower);
}

TEST_F(DeleteRecordsHandlerTest, UnknownPartitionIsUnknownTopicOrPartition) {
  EXPECT_EQ(delete_one("events", 5, 0).error_code, error_code::unknown_topic_or_partition);
  result r = delete_one("nope", 0, 0);
  EXPECT_EQ(r.error_code, error_code::unknown_topic_or_partition);
  EXPECT_EQ(r.low_watermark, -1);
}

TEST_F(DeleteRecordsHandlerTest, CompactedTopicIsPolicyViolation) {
  metadata_.mutable_topic("events")->config["cleanup.policy"] = "compact";
  result r = delete_one("events", 0, 5);
  EXPECT_EQ(r.error_code, error_code::policy_violation);
  EXPECT_EQ(local("events", 0).log().log_start_offset(), 0);
}

TEST_F(DeleteRecordsHandlerTest, CompactAndDeleteTopicAllowsDeletion) {
  metadata_.mutable_topic("events")->config["cleanup.policy"] = "compact,delete";
  EXPECT_EQ(delete_one("events", 0, 5).error_code, error_code::none);
}

TEST_F(DeleteRecordsHandlerTest, InternalTopicIsInvalidTopic) {
  add_topic("__consumer_offsets", 1);
  EXPECT_EQ(delete_one("__consumer_offsets", 0, 0).error_code, error_code::invalid_topic_exception);
}

TEST_F(DeleteRecordsHandlerTest, EachPartitionIsAnsweredOnItsOwn) {
  auto resp = delete_to("events", {{0, 12}, {3, 0}}, 0);
  ASSERT_EQ(resp.topics.at(0).partitions.size(), 2u);
  EXPECT_EQ(resp.topics[0].partitions[0].error_code, error_code::none);
  EXPECT_EQ(resp.topics[0].partitions[0].low_watermark, 12);
  EXPECT_EQ(resp.topics[0].partitions[1].partition_index, 3);
  EXPECT_EQ(resp.topics[0].partitions[1].error_code, error_code::unknown_topic_or_partition);
}

}  // namespace
}  // namespace kb::handlers::test
