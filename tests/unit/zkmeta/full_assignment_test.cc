// full_assignment: Kafka's ReplicaAssignment arithmetic (RS/AR/RR) for reassignments.
#include "zkmeta/controller/full_assignment.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

using ids = std::vector<int32_t>;

TEST(FullAssignmentTest, ReassigningPutsTheTargetFirstAsKafkaDoes) {
  full_assignment now{{1, 2, 3}, {}, {}};
  full_assignment next = now.reassign_to({3, 4, 2});
  EXPECT_EQ(next.replicas, (ids{3, 4, 2, 1}));
  EXPECT_EQ(next.adding, (ids{4}));
  EXPECT_EQ(next.removing, (ids{1}));
  EXPECT_EQ(next.origin(), (ids{3, 2, 1}));
  EXPECT_EQ(next.target(), (ids{3, 4, 2}));
  EXPECT_TRUE(next.being_reassigned());
}

TEST(FullAssignmentTest, ADisjointMoveAddsAndRemovesEverything) {
  full_assignment next = full_assignment{{1, 2, 3}, {}, {}}.reassign_to({4, 5, 6});
  EXPECT_EQ(next.replicas, (ids{4, 5, 6, 1, 2, 3}));
  EXPECT_EQ(next.adding, (ids{4, 5, 6}));
  EXPECT_EQ(next.removing, (ids{1, 2, 3}));
}

TEST(FullAssignmentTest, TheSameReplicasIsNoReassignment) {
  full_assignment next = full_assignment{{2, 1}, {}, {}}.reassign_to({2, 1});
  EXPECT_EQ(next, (full_assignment{{2, 1}, {}, {}}));
  EXPECT_FALSE(next.being_reassigned());
}

TEST(FullAssignmentTest, ANewTargetReplacesTheOneInProgressFromTheSameOrigin) {
  full_assignment moving = full_assignment{{1, 2}, {}, {}}.reassign_to({3, 4});
  full_assignment replaced = moving.reassign_to({5, 2});
  EXPECT_EQ(replaced.replicas, (ids{5, 2, 1}));
  EXPECT_EQ(replaced.adding, (ids{5}));
  EXPECT_EQ(replaced.removing, (ids{1}));
  // Cancelling goes back to the origin (order: as Kafka, the origin's own order here).
  EXPECT_EQ(moving.reassign_to(moving.origin()), (full_assignment{{1, 2}, {}, {}}));
}

TEST(FullAssignmentTest, ReadsAndWritesTheTopicZnodeEntries) {
  topic_assignment t;
  t.partitions = {{0, {1, 2}}, {1, {2, 3}}};
  EXPECT_FALSE(full_assignment::of(t, 7).has_value());
  EXPECT_EQ(full_assignment::of(t, 0).value(), (full_assignment{{1, 2}, {}, {}}));
  full_assignment moving = full_assignment::of(t, 0)->reassign_to({3, 1});
  moving.store(t, 0);
  EXPECT_EQ(t.partitions[0], (ids{3, 1, 2}));
  EXPECT_EQ(t.adding_replicas, (replica_assignment{{0, {3}}}));
  EXPECT_EQ(t.removing_replicas, (replica_assignment{{0, {2}}}));
  EXPECT_EQ(full_assignment::of(t, 0).value(), moving);
  // Done: the entries disappear again.
  full_assignment{moving.target(), {}, {}}.store(t, 0);
  EXPECT_EQ(t.partitions[0], (ids{3, 1}));
  EXPECT_TRUE(t.adding_replicas.empty());
  EXPECT_TRUE(t.removing_replicas.empty());
}

TEST(FullAssignmentTest, TheZnodeOfAMoveMatchesKafkasBytes) {
  topic_assignment t;
  t.topic_id = "DNNwhXqQCOW61shM7zZ2Q";
  t.partitions = {{0, {1, 2, 3}}, {1, {2, 3, 1}}};
  full_assignment::of(t, 0)->reassign_to({4, 5, 6}).store(t, 0);
  EXPECT_EQ(topic_znode::encode(t),
            R"({"partitions":{"0":[4,5,6,1,2,3],"1":[2,3,1]},"topic_id":"DNNwhXqQCOW61shM7zZ2Q",)"
            R"("adding_replicas":{"0":[4,5,6]},"removing_replicas":{"0":[1,2,3]},"version":3})");
}

TEST(FullAssignmentTest, TheNewLeaderIsTheFirstLiveTargetInTheIsr) {
  EXPECT_EQ(reassignment_leader({4, 5, 6}, {1, 2, 3, 5, 4, 6}, {1, 2, 3, 4, 5, 6}), 4);
  EXPECT_EQ(reassignment_leader({4, 5, 6}, {1, 5, 6}, {1, 4, 5, 6}), 5);  // 4 is not in sync
  EXPECT_EQ(reassignment_leader({4, 5, 6}, {4, 5, 6}, {5, 6}), 5);        // 4 is dead
  EXPECT_EQ(reassignment_leader({4, 5}, {1, 2}, {1, 2, 4, 5}), std::nullopt);
}

}  // namespace
}  // namespace kb::zkmeta
