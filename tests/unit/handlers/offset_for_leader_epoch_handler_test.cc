#include "brokerd/handlers/offset_for_leader_epoch_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/offset_for_leader_epoch.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;
using request = protocol::offset_for_leader_epoch_request;
using response = protocol::offset_for_leader_epoch_response;
using result = protocol::epoch_end_offset;

class OffsetForLeaderEpochHandlerTest : public HandlerTest {
 protected:
  OffsetForLeaderEpochHandlerTest() {
    add_topic("events", 1);
    produce("events", 0, 2, 5);  // epoch 0: offsets 0-9
    elect("events", 0, local_id, 3);
    produce("events", 0, 1, 5);  // epoch 3: offsets 10-14
  }

  // Makes `leader` the leader of topic-p at `epoch`, in the metadata and the local replica.
  void elect(const std::string& topic, int32_t p, int32_t leader, int32_t epoch) {
    cluster::partition_state state = metadata_.topic(topic)->partitions.at(p);
    state.leader = leader;
    state.leader_epoch = epoch;
    metadata_.mutable_topic(topic)->partitions[p] = state;
    replicas_.apply({topic, p}, state, log::log_config{}, now_ms_);
  }

  response ask(std::vector<protocol::offset_for_leader_topic> topics, int16_t version = 3, int32_t replica_id = -1) {
    request req;
    req.replica_id = replica_id;
    req.topics = std::move(topics);
    return call<response>(serve<protocol::offset_for_leader_epoch_api>(services_, handle_offset_for_leader_epoch), req,
                          version);
  }
  result ask_one(const std::string& topic, int32_t partition, int32_t leader_epoch, int32_t current_leader_epoch = -1,
                 int16_t version = 3, int32_t replica_id = -1) {
    auto resp = ask({{topic, {{partition, current_leader_epoch, leader_epoch}}}}, version, replica_id);
    EXPECT_EQ(resp.topics.size(), 1u);
    EXPECT_EQ(resp.topics.at(0).topic, topic);
    EXPECT_EQ(resp.topics.at(0).partitions.size(), 1u);
    return resp.topics.at(0).partitions.at(0);
  }
};

// An offline log's epochs may be unknown (a placeholder has none): an answer from them would
// send followers truncating to nothing. Kafka: KAFKA_STORAGE_ERROR (HostedPartition.Offline).
TEST_F(OffsetForLeaderEpochHandlerTest, AnOfflineLeaderAnswersKafkaStorageError) {
  local("events", 0).log().take_offline("test: its dir failed");
  result r = ask_one("events", 0, 3);
  EXPECT_EQ(r.error_code, error_code::kafka_storage_error);
  EXPECT_EQ(r.end_offset, -1);
}

TEST_F(OffsetForLeaderEpochHandlerTest, LatestEpochEndsAtTheLogEnd) {
  result r = ask_one("events", 0, 3);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.partition, 0);
  EXPECT_EQ(r.leader_epoch, 3);
  EXPECT_EQ(r.end_offset, 15);
}

TEST_F(OffsetForLeaderEpochHandlerTest, OlderEpochEndsWhereTheNextBegins) {
  result r = ask_one("events", 0, 0);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.leader_epoch, 0);
  EXPECT_EQ(r.end_offset, 10);
}

TEST_F(OffsetForLeaderEpochHandlerTest, UnknownEpochBetweenKnownOnesAnswersTheLargestBelowIt) {
  result r = ask_one("events", 0, 2);  // KIP-279
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.leader_epoch, 0);
  EXPECT_EQ(r.end_offset, 10);
}

TEST_F(OffsetForLeaderEpochHandlerTest, EpochAssignedAtElectionEndsTheOlderOneBeforeAnyWrite) {
  elect("events", 0, local_id, 5);  // a new leader epoch at log end 15, nothing written yet
  result older = ask_one("events", 0, 3, 5);
  EXPECT_EQ(older.error_code, error_code::none);
  EXPECT_EQ(older.leader_epoch, 3);
  EXPECT_EQ(older.end_offset, 15);
  result latest = ask_one("events", 0, 5, 5);
  EXPECT_EQ(latest.leader_epoch, 5);
  EXPECT_EQ(latest.end_offset, 15);
}

TEST_F(OffsetForLeaderEpochHandlerTest, EpochNewerThanAnyKnownIsUndefinedWithoutError) {
  result r = ask_one("events", 0, 9);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.leader_epoch, -1);
  EXPECT_EQ(r.end_offset, -1);
}

TEST_F(OffsetForLeaderEpochHandlerTest, UnknownPartitionAndPartitionNotHostedHere) {
  EXPECT_EQ(ask_one("nope", 0, 0).error_code, error_code::unknown_topic_or_partition);
  EXPECT_EQ(ask_one("events", 7, 0).error_code, error_code::unknown_topic_or_partition);
  add_topic("elsewhere", 1, {2, 3});
  result r = ask_one("elsewhere", 0, 0);
  EXPECT_EQ(r.error_code, error_code::not_leader_or_follower);
  EXPECT_EQ(r.leader_epoch, -1);
  EXPECT_EQ(r.end_offset, -1);
}

TEST_F(OffsetForLeaderEpochHandlerTest, FollowerReplicaRefusesFollowersAndConsumersAlike) {
  add_topic("followed", 1, {2, local_id});
  ASSERT_FALSE(local("followed", 0).is_leader());
  EXPECT_EQ(ask_one("followed", 0, 0, -1, 3, /*replica_id=*/3).error_code, error_code::not_leader_or_follower);
  EXPECT_EQ(ask_one("followed", 0, 0, -1, 3, /*replica_id=*/-1).error_code, error_code::not_leader_or_follower);
  EXPECT_EQ(ask_one("followed", 0, 0, -1, 0).error_code, error_code::not_leader_or_follower);
}

TEST_F(OffsetForLeaderEpochHandlerTest, FollowerOfTheLeaderIsServed) {
  result r = ask_one("events", 0, 0, 3, 3, /*replica_id=*/2);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.end_offset, 10);
}

TEST_F(OffsetForLeaderEpochHandlerTest, CurrentLeaderEpochFencesStaleAndUnknownEpochs) {
  EXPECT_EQ(ask_one("events", 0, 0, /*current=*/2).error_code, error_code::fenced_leader_epoch);
  EXPECT_EQ(ask_one("events", 0, 0, /*current=*/4).error_code, error_code::unknown_leader_epoch);
  EXPECT_EQ(ask_one("events", 0, 0, /*current=*/3).error_code, error_code::none);
  EXPECT_EQ(ask_one("events", 0, 0, /*current=*/-1).error_code, error_code::none);
  // Checked before leadership, as Kafka's Partition.getLocalLog does.
  add_topic("followed", 1, {2, local_id});
  EXPECT_EQ(ask_one("followed", 0, 0, /*current=*/1).error_code, error_code::unknown_leader_epoch);
}

TEST_F(OffsetForLeaderEpochHandlerTest, VersionsBeforeTwoCarryNoCurrentEpochToFence) {
  // v0 and v1 have no current_leader_epoch field: nothing to fence with.
  for (int16_t v : {0, 1}) {
    result r = ask_one("events", 0, 0, /*current=*/1, v);
    EXPECT_EQ(r.error_code, error_code::none) << "v" << v;
    EXPECT_EQ(r.end_offset, 10) << "v" << v;
    EXPECT_EQ(r.leader_epoch, v == 0 ? -1 : 0) << "v" << v;  // v0 responses have no epoch
  }
  EXPECT_EQ(ask_one("events", 0, 0, /*current=*/1, 2).error_code, error_code::fenced_leader_epoch);
}

TEST_F(OffsetForLeaderEpochHandlerTest, AnswersEveryTopicAndPartitionInRequestOrder) {
  add_topic("other", 2);
  produce("other", 1, 1, 4);
  auto resp = ask({{"other", {{1, -1, 0}, {0, -1, 0}}}, {"events", {{0, -1, 3}}}, {"nope", {{0, -1, 0}}}});
  ASSERT_EQ(resp.topics.size(), 3u);
  EXPECT_EQ(resp.topics[0].topic, "other");
  ASSERT_EQ(resp.topics[0].partitions.size(), 2u);
  EXPECT_EQ(resp.topics[0].partitions[0].partition, 1);
  EXPECT_EQ(resp.topics[0].partitions[0].end_offset, 4);
  EXPECT_EQ(resp.topics[0].partitions[1].partition, 0);
  EXPECT_EQ(resp.topics[0].partitions[1].end_offset, 0);  // epoch 0 began at 0 and wrote nothing
  EXPECT_EQ(resp.topics[1].partitions[0].end_offset, 15);
  EXPECT_EQ(resp.topics[2].partitions[0].error_code, error_code::unknown_topic_or_partition);
}

}  // namespace
}  // namespace kb::handlers::test
