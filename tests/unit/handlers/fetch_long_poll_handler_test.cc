// Fetch long polls (Kafka's DelayedFetch): parked on the requested partitions until enough
// data is there or max_wait_ms passes, on the fixture's manual clock.
#include "brokerd/handlers/fetch_handler.h"
#include "brokerd/handlers/serve.h"

#include "brokerd/protocol/messages/fetch.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using namespace std::chrono_literals;
using protocol::error_code;

bool has_records(const protocol::fetch_response_partition& p) {
  const auto* bytes = std::get_if<std::vector<std::byte>>(&p.records);
  return bytes != nullptr && !bytes->empty();
}

// "events" and "other", one partition each, replicas {1, 2} (this broker leads), 5 records
// committed in "events".
class FetchLongPollTest : public HandlerTest {
 protected:
  FetchLongPollTest() {
    add_topic("events", 1, {local_id, 2});
    add_topic("other", 1, {local_id, 2});
    produce("events", 0, 1, 5);
    local("events", 0).record_follower_fetch(2, 5, now_ms_);
  }

  std::shared_ptr<pending_call> start_fetch(int32_t replica, const std::string& topic, int64_t offset,
                                            int32_t max_wait_ms = 500) {
    protocol::fetch_request req;
    req.replica_id = replica;
    req.max_wait_ms = max_wait_ms;
    req.min_bytes = 1;
    req.max_bytes = 1 << 20;
    req.topics.emplace_back();
    req.topics.back().topic = topic;
    protocol::fetch_request_partition p;
    p.partition = 0;
    p.fetch_offset = offset;
    p.partition_max_bytes = 1 << 20;
    req.topics.back().partitions.push_back(p);
    auto pending = start(serve<protocol::fetch_api>(services_, handle_fetch), req, protocol::fetch_max_version);
    kb::test::drain(io_);
    return pending;
  }

  protocol::fetch_response_partition finish_fetch(pending_call& pending) {
    return finish<protocol::fetch_response>(pending).responses.at(0).partitions.at(0);
  }
};

// Nothing to wait on: Kafka's ReplicaManager.fetchMessages answers at once when the fetch
// names no partition. Parking it dereferenced the first of no keys (the broker crashed; found
// by the network fuzzer).
TEST_F(FetchLongPollTest, AFetchNamingATopicWithoutPartitionsIsAnsweredAtOnce) {
  protocol::fetch_request req;
  req.replica_id = -1;
  req.max_wait_ms = 500;
  req.min_bytes = 1;
  req.max_bytes = 1 << 20;
  req.topics.emplace_back();
  req.topics.back().topic = "events";
  auto pending = start(serve<protocol::fetch_api>(services_, handle_fetch), req, protocol::fetch_max_version);
  kb::test::drain(io_);
  ASSERT_TRUE(pending->done);
  EXPECT_TRUE(finish<protocol::fetch_response>(*pending).responses.empty()) << "Kafka lists no topic without partitions";
}

TEST_F(FetchLongPollTest, AConsumerWithDataToReadIsAnsweredAtOnce) {
  auto pending = start_fetch(-1, "events", 0);
  EXPECT_TRUE(pending->done);
  EXPECT_TRUE(has_records(finish_fetch(*pending)));
}

TEST_F(FetchLongPollTest, AConsumerAtTheHighWatermarkIsAnsweredWhenNewRecordsAreCommitted) {
  auto pending = start_fetch(-1, "events", 5);
  EXPECT_FALSE(pending->done);
  produce("events", 0, 1, 2);
  kb::test::drain(io_);
  EXPECT_FALSE(pending->done) << "appended but not committed: a consumer cannot read it yet";
  local("events", 0).record_follower_fetch(2, 7, now_ms_);
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done);
  const auto start = clock_.now();
  auto r = finish_fetch(*pending);
  EXPECT_EQ(clock_.now(), start) << "no time had to pass";
  EXPECT_EQ(r.high_watermark, 7);
  EXPECT_TRUE(has_records(r));
}

TEST_F(FetchLongPollTest, AFollowerAtTheLogEndIsAnsweredByTheNextAppend) {
  auto pending = start_fetch(2, "events", 5);
  EXPECT_FALSE(pending->done);
  produce("events", 0, 1, 1);
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done) << "a follower reads past the high watermark";
}

TEST_F(FetchLongPollTest, AnAppendToAnotherPartitionLeavesItWaitingUntilMaxWait) {
  auto pending = start_fetch(-1, "events", 5, 500);
  produce("other", 0, 1, 3);
  local("other", 0).record_follower_fetch(2, 3, now_ms_);
  kb::test::drain(io_);
  EXPECT_FALSE(pending->done);
  clock_.advance(499ms);
  kb::test::drain(io_);
  EXPECT_FALSE(pending->done);
  clock_.advance(1ms);
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done) << "answered at max_wait_ms exactly";
  auto r = finish_fetch(*pending);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_FALSE(has_records(r));
}

TEST_F(FetchLongPollTest, LosingLeadershipAnswersAWaitingFetchWithTheError) {
  auto pending = start_fetch(-1, "events", 5);
  cluster::partition_state s = local("events", 0).state();
  s.leader = 2;
  s.leader_epoch += 1;
  replicas_.apply({"events", 0}, s, log::log_config{}, now_ms_);
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done);
  EXPECT_EQ(finish_fetch(*pending).error_code, error_code::not_leader_or_follower);
}

TEST_F(FetchLongPollTest, ADeletedPartitionAnswersAWaitingFetch) {
  auto pending = start_fetch(-1, "events", 5);
  replicas_.remove({"events", 0});
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done);
  EXPECT_NE(finish_fetch(*pending).error_code, error_code::none);
}


// A request arriving behind a parked fetch on its connection ends the long poll: the fetch
// is answered at once, with what it has.
TEST_F(FetchLongPollTest, ALongPollEndsWhenAnotherRequestArrivesBehindIt) {
  auto pending = start_fetch(-1, "events", 5, 500);
  EXPECT_FALSE(pending->done);
  pending->ctx.followed->followed = true;
  ASSERT_TRUE(pending->ctx.followed->on_followed) << "the fetch listens while it waits";
  pending->ctx.followed->on_followed();
  kb::test::drain(io_);
  EXPECT_TRUE(pending->done) << "no time passed";
  auto r = finish_fetch(*pending);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_FALSE(has_records(r));
  EXPECT_FALSE(pending->ctx.followed->on_followed) << "and stops listening once answered";
}

}  // namespace
}  // namespace kb::handlers::test
