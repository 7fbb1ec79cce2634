#include "zkmeta/admin/replica_assignment.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "zkmeta/admin/topic_name.h"

namespace kb::zkmeta {
namespace {

auto never_random = [](int32_t) -> int32_t {
  ADD_FAILURE() << "a fixed start must not draw random numbers";
  return 0;
};

// zookeeper.md 6.3, first worked example.
TEST(ReplicaAssignmentTest, FiveBrokersTenPartitionsRf3FromZero) {
  auto r = assign_replicas({{0, 1, 2, 3, 4}, 10, 3, 0, 0}, never_random);
  ASSERT_FALSE(r.error);
  assignment_map expected = {{0, {0, 1, 2}}, {1, {1, 2, 3}}, {2, {2, 3, 4}}, {3, {3, 4, 0}}, {4, {4, 0, 1}},
                             {5, {0, 2, 3}}, {6, {1, 3, 4}}, {7, {2, 4, 0}}, {8, {3, 0, 1}}, {9, {4, 1, 2}}};
  EXPECT_EQ(r.assignment, expected);
}

// zookeeper.md 6.3, second worked example: random draws startIndex=2, shift=1.
TEST(ReplicaAssignmentTest, RandomDrawsGiveStartAndShift) {
  std::vector<int32_t> draws{2, 1};
  size_t next = 0;
  auto r = assign_replicas({{101, 102, 103}, 6, 2, -1, 0}, [&](int32_t n) {
    EXPECT_EQ(n, 3);
    return draws.at(next++);
  });
  assignment_map expected = {{0, {103, 102}}, {1, {101, 103}}, {2, {102, 101}},
                             {3, {103, 101}}, {4, {101, 102}}, {5, {102, 103}}};
  EXPECT_EQ(r.assignment, expected);
}

TEST(ReplicaAssignmentTest, ReplicasNeverRepeatABrokerAndLeadersRoundRobin) {
  std::mt19937 rng(7);
  for (int brokers = 1; brokers <= 6; ++brokers) {
    for (int rf = 1; rf <= brokers; ++rf) {
      std::vector<int32_t> ids;
      for (int b = 0; b < brokers; ++b) ids.push_back(b * 10);
      auto r = assign_replicas({ids, 24, rf, -1, 0}, [&](int32_t n) { return static_cast<int32_t>(rng() % n); });
      ASSERT_FALSE(r.error);
      std::map<int32_t, int> leaders;
      for (const auto& [p, replicas] : r.assignment) {
        EXPECT_EQ(std::set<int32_t>(replicas.begin(), replicas.end()).size(), static_cast<size_t>(rf));
        ++leaders[replicas.front()];
      }
      // Leaders are spread evenly: every broker leads 24/brokers partitions, rounded either way.
      EXPECT_EQ(leaders.size(), static_cast<size_t>(brokers));
      for (const auto& [b, count] : leaders) {
        EXPECT_GE(count, 24 / brokers) << b;
        EXPECT_LE(count, (24 + brokers - 1) / brokers) << b;
      }
    }
  }
}

TEST(ReplicaAssignmentTest, ErrorsNameTheProblem) {
  auto too_many = assign_replicas({{1, 2}, 1, 3, 0, 0}, never_random);
  ASSERT_TRUE(too_many.error);
  EXPECT_TRUE(too_many.replication_factor_error);
  EXPECT_EQ(*too_many.error, "Replication factor: 3 larger than available brokers: 2.");
  auto no_partitions = assign_replicas({{1, 2}, 0, 1, 0, 0}, never_random);
  ASSERT_TRUE(no_partitions.error);
  EXPECT_FALSE(no_partitions.replication_factor_error);
}

// zookeeper.md 6.3: p0 = [2, ...] on brokers [1,2,3,4], adding p2..p4 with RF 3 starts at
// index 1 with shift 1 from partition 2.
TEST(ReplicaAssignmentTest, AddedPartitionsContinueFromPartitionZerosLeader) {
  assignment_map existing = {{0, {2, 3, 4}}, {1, {3, 4, 1}}};
  auto req = added_partitions_request(existing, {4, 3, 2, 1}, 5);
  EXPECT_EQ(req.fixed_start, 1);
  EXPECT_EQ(req.start_partition, 2);
  EXPECT_EQ(req.partitions, 3);
  EXPECT_EQ(req.replication_factor, 3);
  auto r = assign_replicas(req, never_random);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.assignment.begin()->first, 2);
  EXPECT_EQ(r.assignment.size(), 3u);
  EXPECT_EQ(r.assignment.at(2).front(), 4);  // (2 + 1) % 4 = index 3
}

TEST(TopicNameTest, KafkaRules) {
  EXPECT_FALSE(validate_topic_name("orders.v1_x-9"));
  EXPECT_TRUE(validate_topic_name(""));
  EXPECT_TRUE(validate_topic_name("."));
  EXPECT_TRUE(validate_topic_name(".."));
  EXPECT_TRUE(validate_topic_name("has space"));
  EXPECT_TRUE(validate_topic_name("ümlaut"));
  EXPECT_FALSE(validate_topic_name(std::string(249, 'a')));
  EXPECT_TRUE(validate_topic_name(std::string(250, 'a')));
  EXPECT_EQ(fold_topic_name("a.b_c"), fold_topic_name("a_b.c"));
}

}  // namespace
}  // namespace kb::zkmeta
