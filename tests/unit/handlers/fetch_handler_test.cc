#include "brokerd/handlers/fetch_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/fetch.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;

// Follower fetches on a leader: replicas {1, 2, 3} with ISR {1, 2}, offsets 0-9 written and
// not yet committed (follower 2 has not fetched them).
class FetchHandlerTest : public HandlerTest {
 protected:
  FetchHandlerTest() {
    add_topic("events", 1, {local_id, 2, 3});
    cluster::partition_state state = metadata_.topic("events")->partitions.at(0);
    state.isr = {local_id, 2};
    metadata_.mutable_topic("events")->partitions[0] = state;
    replicas_.apply({"events", 0}, state, log::log_config{}, now_ms_);
    replicas_.on_follower_caught_up = [this](const topic_partition&, int32_t follower) {
      caught_up_.push_back(follower);
    };
    produce("events", 0, 2, 5);
  }

  // A follower's fetch at `offset`, answered without waiting.
  protocol::fetch_response_partition follower_fetch(int32_t follower, int64_t offset) {
    protocol::fetch_request req;
    req.replica_id = follower;
    req.topics.emplace_back();
    req.topics.back().topic = "events";
    protocol::fetch_request_partition p;
    p.partition = 0;
    p.fetch_offset = offset;
    p.partition_max_bytes = 1 << 20;
    req.topics.back().partitions.push_back(p);
    auto resp = call<protocol::fetch_response>(serve<protocol::fetch_api>(services_, handle_fetch), req,
                                               protocol::fetch_max_version);
    return resp.responses.at(0).partitions.at(0);
  }

  std::vector<int32_t> caught_up_;
};

TEST_F(FetchHandlerTest, AFollowerAtTheLogEndCommitsAndRejoinsTheIsr) {
  ASSERT_EQ(local("events", 0).high_watermark(), 0);
  EXPECT_EQ(follower_fetch(2, 10).error_code, error_code::none);
  EXPECT_EQ(local("events", 0).high_watermark(), 10);
  EXPECT_EQ(follower_fetch(3, 10).error_code, error_code::none);
  EXPECT_EQ(caught_up_, std::vector<int32_t>{3});
}

// A follower holding a diverged tail (a restarted old leader) fetches past the leader's log
// end. That offset says nothing about what it has of this leader's log: it must neither
// commit the leader's records nor put the follower back in the ISR.
TEST_F(FetchHandlerTest, AFollowerPastTheLogEndIsOutOfRangeAndCountsForNothing) {
  auto r = follower_fetch(2, 15);
  EXPECT_EQ(r.error_code, error_code::offset_out_of_range);
  EXPECT_EQ(local("events", 0).high_watermark(), 0);
  EXPECT_EQ(local("events", 0).followers().at(2).log_end_offset, 0);

  EXPECT_EQ(follower_fetch(3, 15).error_code, error_code::offset_out_of_range);
  EXPECT_TRUE(caught_up_.empty());
}

// Its log dir failed (or it is a placeholder for a dir that failed at startup, which holds
// no segment): KAFKA_STORAGE_ERROR whatever the offset, as Kafka's HostedPartition.Offline,
// and the fetch counts for nothing.
TEST_F(FetchHandlerTest, AnOfflineLeaderAnswersKafkaStorageErrorAtAnyOffset) {
  local("events", 0).log().take_offline("test: its dir failed");
  for (int64_t offset : {0, 10, 15}) {
    EXPECT_EQ(follower_fetch(2, offset).error_code, error_code::kafka_storage_error) << "offset " << offset;
  }
  EXPECT_EQ(local("events", 0).high_watermark(), 0);
  EXPECT_TRUE(caught_up_.empty());
}

}  // namespace
}  // namespace kb::handlers::test
