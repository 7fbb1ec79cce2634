// Produce with acks=all: the answer waits for the ISR, survives a new leader epoch that keeps
// this broker leader (Kafka's delayed produce outlives such a LeaderAndIsr), and fails with
// NOT_LEADER_OR_FOLLOWER once leadership is lost, even if it comes back before the wait
// looks again.
#include <gtest/gtest.h>

#include "brokerd/handlers/produce_handler.h"
#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/produce.h"
#include "tests/support/batches.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;

constexpr int16_t version = 7;
constexpr int32_t follower = 2;

class ProduceAcksAllTest : public HandlerTest {
 protected:
  ProduceAcksAllTest() { add_topic("t", 1, {local_id, follower}); }

  std::shared_ptr<pending_call> start_produce(int32_t timeout_ms = 30'000) {
    batch_ = kb::test::make_batch(3);
    protocol::produce_request req;
    req.acks = -1;
    req.timeout_ms = timeout_ms;
    auto& topic = req.topic_data.emplace_back();
    topic.name = "t";
    auto& part = topic.partition_data.emplace_back();
    part.index = 0;
    part.records = std::span<std::byte>(batch_);
    auto pending = start(serve<protocol::produce_api>(services_, handle_produce), req, version);
    kb::test::drain(io_);
    return pending;
  }

  protocol::produce_partition_response finish_produce(pending_call& pending) {
    auto resp = finish<protocol::produce_response>(pending);
    EXPECT_EQ(resp.responses.size(), 1u);
    return resp.responses.at(0).partition_responses.at(0);
  }

  // The controller's new state for t-0, one epoch on.
  void apply_state(int32_t leader, std::vector<int32_t> isr) {
    cluster::partition_state s = local("t", 0).state();
    s.leader = leader;
    s.leader_epoch += 1;
    s.isr = std::move(isr);
    replicas_.apply({"t", 0}, s, log::log_config{}, now_ms_);
  }

  void follower_fetches_to_log_end() {
    cluster::partition& p = local("t", 0);
    p.record_follower_fetch(follower, p.log().log_end_offset(), now_ms_);
  }

  std::vector<std::byte> batch_;
};

TEST_F(ProduceAcksAllTest, WaitsForTheFollowerThenSucceeds) {
  auto pending = start_produce();
  EXPECT_FALSE(pending->done) << "answered before the follower had the batch";
  follower_fetches_to_log_end();
  auto pr = finish_produce(*pending);
  EXPECT_EQ(pr.error_code, error_code::none);
  EXPECT_EQ(pr.base_offset, 0);
}

TEST_F(ProduceAcksAllTest, KeepsWaitingAcrossANewEpochThatKeepsThisBrokerLeader) {
  auto pending = start_produce();
  const int32_t epoch = local("t", 0).leader_epoch();
  apply_state(local_id, {local_id, follower});  // e.g. a reassignment step
  kb::test::drain(io_);
  ASSERT_EQ(local("t", 0).leader_epoch(), epoch + 1);
  EXPECT_FALSE(pending->done) << "a new epoch with the same leader ended the wait";
  follower_fetches_to_log_end();
  auto pr = finish_produce(*pending);
  EXPECT_EQ(pr.error_code, error_code::none);
}

TEST_F(ProduceAcksAllTest, CompletesWhenTheControllerShrinksTheIsrToTheLeader) {
  auto pending = start_produce();
  apply_state(local_id, {local_id});  // the follower died or shut down
  auto pr = finish_produce(*pending);
  EXPECT_EQ(pr.error_code, error_code::none);
  EXPECT_GT(local("t", 0).high_watermark(), 0);
}

TEST_F(ProduceAcksAllTest, FailsWhenLeadershipMovesAway) {
  auto pending = start_produce();
  apply_state(follower, {follower});
  auto pr = finish_produce(*pending);
  EXPECT_EQ(pr.error_code, error_code::not_leader_or_follower);
}

TEST_F(ProduceAcksAllTest, FailsWhenLeadershipIsLostAndRegainedBetweenLooks) {
  auto pending = start_produce();
  apply_state(follower, {follower, local_id});
  apply_state(local_id, {local_id, follower});  // back, without the wait having looked
  follower_fetches_to_log_end();
  auto pr = finish_produce(*pending);
  EXPECT_EQ(pr.error_code, error_code::not_leader_or_follower);
}


TEST_F(ProduceAcksAllTest, TimesOutExactlyAtItsTimeoutWhenTheFollowerNeverFetches) {
  auto pending = start_produce(1500);
  clock_.advance(std::chrono::milliseconds(1499));
  kb::test::drain(io_);
  EXPECT_FALSE(pending->done);
  clock_.advance(std::chrono::milliseconds(1));
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done);
  auto pr = finish_produce(*pending);
  EXPECT_EQ(pr.error_code, error_code::request_timed_out);
  EXPECT_EQ(pr.base_offset, 0) << "the batch was appended; only the wait failed";
}

TEST_F(ProduceAcksAllTest, AZeroTimeoutAnswersWithoutTimePassing) {
  auto pending = start_produce(0);
  clock_.advance(std::chrono::milliseconds(0));
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done);
  EXPECT_EQ(finish_produce(*pending).error_code, error_code::request_timed_out);
}


// Several partitions of one topic wait at once; each answer lands on its own partition.
TEST_F(ProduceAcksAllTest, EachWaitingPartitionOfOneTopicGetsItsOwnOutcome) {
  add_topic("many", 3, {local_id, follower});
  std::vector<std::vector<std::byte>> batches;
  protocol::produce_request req;
  req.acks = -1;
  req.timeout_ms = 30'000;
  auto& topic = req.topic_data.emplace_back();
  topic.name = "many";
  for (int32_t p = 0; p < 3; ++p) batches.push_back(kb::test::make_batch(1));
  for (int32_t p = 0; p < 3; ++p) {
    auto& part = topic.partition_data.emplace_back();
    part.index = p;
    part.records = std::span<std::byte>(batches[static_cast<size_t>(p)]);
  }
  auto pending = start(serve<protocol::produce_api>(services_, handle_produce), req, version);
  kb::test::drain(io_);
  cluster::partition_state moved = local("many", 0).state();
  moved.leader = follower;
  moved.leader_epoch += 1;
  replicas_.apply({"many", 0}, moved, log::log_config{}, now_ms_);
  for (int32_t p = 1; p < 3; ++p) {
    cluster::partition& part = local("many", p);
    part.record_follower_fetch(follower, part.log().log_end_offset(), now_ms_);
  }
  auto resp = finish<protocol::produce_response>(*pending);
  const auto& parts = resp.responses.at(0).partition_responses;
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].error_code, error_code::not_leader_or_follower) << "leadership moved: not acknowledged";
  EXPECT_EQ(parts[1].error_code, error_code::none);
  EXPECT_EQ(parts[2].error_code, error_code::none);
}

}  // namespace
}  // namespace kb::handlers::test
