// What the controller's replica probe sends and how it reads the answer.
#include "brokerd/cluster/list_offsets_replica_probe.h"

#include <gtest/gtest.h>

#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::cluster {
namespace {

using protocol::error_code;

TEST(ListOffsetsReplicaProbeTest, AsksAsADebuggingToolForTheLatestOffsetOfEveryReplicaByTopic) {
  protocol::list_offsets_request req = list_offsets_replica_probe::request_for({{"b", 2}, {"a", 0}, {"b", 0}});
  EXPECT_EQ(req.replica_id, -2);
  ASSERT_EQ(req.topics.size(), 2u);
  EXPECT_EQ(req.topics[0].name, "a");
  EXPECT_EQ(req.topics[1].name, "b");
  ASSERT_EQ(req.topics[1].partitions.size(), 2u);
  EXPECT_EQ(req.topics[1].partitions[0].partition_index, 2);
  EXPECT_EQ(req.topics[1].partitions[1].partition_index, 0);
  for (const auto& t : req.topics) {
    for (const auto& p : t.partitions) EXPECT_EQ(p.timestamp, protocol::list_offsets_latest_timestamp);
  }
  // Survives the wire at the version the probe uses.
  protocol::wire_writer w;
  req.encode(w, list_offsets_replica_probe::request_version);
  std::vector<std::byte> bytes = std::move(w).take();
  protocol::wire_reader r(bytes);
  EXPECT_EQ(protocol::list_offsets_request::decode(r, list_offsets_replica_probe::request_version), req);
}

TEST(ListOffsetsReplicaProbeTest, StorageErrorsAreOfflineAnswersOnlineAndOtherErrorsNoVerdict) {
  protocol::list_offsets_response resp;
  auto& t = resp.topics.emplace_back();
  t.name = "t";
  t.partitions.push_back({.partition_index = 0, .error_code = error_code::kafka_storage_error});
  t.partitions.push_back({.partition_index = 1, .error_code = error_code::none});
  t.partitions.push_back({.partition_index = 2, .error_code = error_code::unknown_topic_or_partition});
  t.partitions.push_back({.partition_index = 3, .error_code = error_code::not_leader_or_follower});
  zkmeta::replica_probe_answer a = list_offsets_replica_probe::verdicts(resp);
  EXPECT_EQ(a.offline, (std::set<kb::topic_partition>{{"t", 0}}));
  EXPECT_EQ(a.online, (std::set<kb::topic_partition>{{"t", 1}}));
}

}  // namespace
}  // namespace kb::cluster
