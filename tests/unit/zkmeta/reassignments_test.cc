// The controller's reassignment state machine against the in-memory ZooKeeper: brokers are
// ephemeral /brokers/ids/<id> znodes, and the partition leader's ISR updates are played by the
// test (a conditional setData of the state znode, as the leader's isr_updater does).
#include "zkmeta/controller/reassignments.h"

#include <gtest/gtest.h>

#include "tests/unit/zkmeta/controller_fixture.h"
#include "zkmeta/znodes/reassign_partitions_znode.h"

namespace kb::zkmeta {
namespace {

using ids = std::vector<int32_t>;

class ReassignmentsTest : public test::controller_fixture {
 protected:
  ReassignmentsTest() {
    EXPECT_TRUE(kb::test::run(io_, admin_.create("/controller_epoch", std::string("1"))));
    for (int32_t id : {0, 1, 2, 3}) brokers_[id] = start_broker(id);
  }

  // Starts `c` as the controller of a new epoch (bumping /controller_epoch like an election).
  void elect(controller& c) {
    auto epoch = kb::test::run(io_, admin_.get("/controller_epoch"));
    int32_t next = std::stoi(*epoch.value().data) + (elections_++ == 0 ? 0 : 1);
    auto set = kb::test::run(io_, admin_.set("/controller_epoch", std::to_string(next), epoch.value().stat.version));
    ASSERT_TRUE(set);
    c.start(kb::controller_epoch{next}, set.value().version);
  }

  std::optional<topic_assignment> topic(const std::string& name) {
    auto r = kb::test::run(io_, admin_.get(topic_znode::path(name)));
    if (!r || !r.value().data) return std::nullopt;
    return topic_znode::decode(*r.value().data).value();
  }

  std::optional<std::string> topic_json(const std::string& name) {
    auto r = kb::test::run(io_, admin_.get(topic_znode::path(name)));
    if (!r) return std::nullopt;
    return r.value().data;
  }

  // The partition leader adds followers to the ISR (conditional on the state's version).
  void leader_sets_isr(const std::string& t, int32_t p, ids isr) {
    auto r = kb::test::run(io_, admin_.get(partition_state_znode::path(t, p)));
    ASSERT_TRUE(r);
    leader_and_isr s = partition_state_znode::decode(*r.value().data).value();
    s.isr = std::move(isr);
    ASSERT_TRUE(kb::test::run(io_, admin_.set(partition_state_znode::path(t, p), partition_state_znode::encode(s),
                                              r.value().stat.version)));
  }

  void request(const std::vector<partition_reassignment>& moves) {
    ASSERT_TRUE(kb::test::run(io_, admin_.create(reassign_partitions_znode::path(),
                                                 reassign_partitions_znode::encode(moves))));
  }

  // The topic znode records [0,1] -> [2,3] in progress.
  bool moving(const std::string& t) {
    auto a = topic(t);
    return a && a->adding_replicas.count(0) > 0;
  }

  std::map<int32_t, std::unique_ptr<fake_zk_client>> brokers_;
  int elections_ = 0;
};

TEST_F(ReassignmentsTest, MovesBothReplicasAndTheLeaderThroughKafkasSteps) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(c);
  create_topic("t", {{0, {0, 1}}, {1, {1, 0}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0) && state("t", 1); }));
  ASSERT_EQ(state("t", 0)->leader(), 0);

  request({{{"t", 0}, {2, 3}}});
  // U and A: RS = TRS + ORS with AR/RR in the topic znode (Kafka's bytes), a new leader epoch.
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader_epoch() == 1; }));
  EXPECT_EQ(*topic_json("t"),
            R"({"partitions":{"0":[2,3,0,1],"1":[1,0]},"topic_id":"AAAAAAAAAAAAAAAAAAAAAA",)"
            R"("adding_replicas":{"0":[2,3]},"removing_replicas":{"0":[0,1]},"version":3})");
  EXPECT_EQ(state("t", 0)->leader(), 0);
  EXPECT_EQ(state("t", 0)->isr, (ids{0, 1}));
  EXPECT_TRUE(c.reassigning().count({"t", 0}));

  // Only one target in sync: still in progress.
  leader_sets_isr("t", 0, {0, 1, 2});
  uint64_t seen = c.events_processed();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.events_processed() > seen; }));
  EXPECT_TRUE(moving("t"));
  EXPECT_TRUE(exists(reassign_partitions_znode::path()));

  // Both in sync: leader 2 (first target in the ISR), 0 and 1 leave the ISR, RS = TRS.
  leader_sets_isr("t", 0, {0, 1, 2, 3});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !exists(reassign_partitions_znode::path()); }));
  EXPECT_EQ(*topic_json("t"),
            R"({"partitions":{"0":[2,3],"1":[1,0]},"topic_id":"AAAAAAAAAAAAAAAAAAAAAA",)"
            R"("adding_replicas":{},"removing_replicas":{},"version":3})");
  leader_and_isr s = *state("t", 0);
  EXPECT_EQ(s.leader(), 2);
  EXPECT_EQ(s.isr, (ids{2, 3}));
  EXPECT_EQ(s.leader_epoch(), 4);  // A, B3 (new leader), one per replica leaving the ISR
  EXPECT_EQ(s.controller_epoch(), 1);
  EXPECT_TRUE(c.reassigning().empty());
  EXPECT_EQ(state("t", 1)->leader_epoch(), 0);  // the other partition is untouched
}

TEST_F(ReassignmentsTest, ALeaderInTheTargetKeepsLeadingWithANewEpoch) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(c);
  create_topic("t", {{0, {0, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  request({{{"t", 0}, {0, 2}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader_epoch() == 1; }));
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{0, 2, 1}));
  leader_sets_isr("t", 0, {0, 1, 2});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !exists(reassign_partitions_znode::path()); }));
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{0, 2}));
  EXPECT_EQ(state("t", 0)->leader(), 0);
  EXPECT_EQ(state("t", 0)->isr, (ids{0, 2}));
  EXPECT_EQ(state("t", 0)->leader_epoch(), 3);
}

TEST_F(ReassignmentsTest, TheSameReplicasCompleteAtOnce) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(c);
  create_topic("t", {{0, {1, 0}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  request({{{"t", 0}, {1, 0}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !exists(reassign_partitions_znode::path()); }));
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{1, 0}));
  EXPECT_EQ(state("t", 0)->leader(), 1);
  EXPECT_EQ(state("t", 0)->leader_epoch(), 1);  // B3 alone
}

TEST_F(ReassignmentsTest, AnUnknownPartitionIsDroppedFromTheZnodeAndTheRestProceeds) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(c);
  create_topic("t", {{0, {0, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  request({{{"t", 0}, {2, 3}}, {{"t", 9}, {1}}, {{"nope", 0}, {1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader_epoch() == 1; }));
  auto left = kb::test::run(io_, admin_.get(reassign_partitions_znode::path()));
  ASSERT_TRUE(left);
  EXPECT_EQ(*left.value().data, reassign_partitions_znode::encode({{{"t", 0}, {2, 3}}}));
  EXPECT_FALSE(exists(topic_znode::path("nope")));
}

TEST_F(ReassignmentsTest, ANewControllerResumesFromTheTopicZnode) {
  controller first(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(first);
  create_topic("t", {{0, {0, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  request({{{"t", 0}, {2, 3}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader_epoch() == 1; }));
  first.stop();

  fake_zk_client other_session(io_.get_executor(), server_);
  controller second(other_session, kb::broker_id{1}, io_.get_executor(), {});
  elect(second);
  // The znode is processed again at failover (as Kafka does): a new epoch for the partition.
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader_epoch() == 2; }));
  EXPECT_TRUE(second.reassigning().count({"t", 0}));
  leader_sets_isr("t", 0, {0, 1, 3, 2});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !exists(reassign_partitions_znode::path()); }));
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{2, 3}));
  EXPECT_EQ(state("t", 0)->leader(), 2);
  EXPECT_EQ(state("t", 0)->isr, (ids{3, 2}));
  EXPECT_EQ(state("t", 0)->controller_epoch(), 2);
}

TEST_F(ReassignmentsTest, AnApiStyleReassignmentWithoutTheZnodeResumesToo) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  // A reassignment recorded only in the topic znode (as AlterPartitionReassignments leaves it).
  topic_assignment t;
  t.partitions = {{0, {2, 0}}};
  t.adding_replicas = {{0, {2}}};
  t.removing_replicas = {{0, {0}}};
  ASSERT_TRUE(kb::test::run(io_, admin_.create(topic_znode::path("t"), topic_znode::encode(t))));
  leader_and_isr led_by_0;
  led_by_0.leader = kb::broker_id{0};
  led_by_0.isr = {0};
  for (const std::string& path : {topic_partitions_znode::path("t"), topic_partition_znode::path("t", 0)}) {
    ASSERT_TRUE(kb::test::run(io_, admin_.create(path, std::nullopt)));
  }
  ASSERT_TRUE(kb::test::run(io_, admin_.create(partition_state_znode::path("t", 0),
                                               partition_state_znode::encode(led_by_0))));
  elect(c);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader_epoch() == 1; }));
  EXPECT_TRUE(c.reassigning().count({"t", 0}));
  leader_sets_isr("t", 0, {0, 2});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.reassigning().empty(); }));
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{2}));
  EXPECT_TRUE(topic("t")->adding_replicas.empty());
  EXPECT_EQ(state("t", 0)->leader(), 2);
  EXPECT_EQ(state("t", 0)->isr, (ids{2}));
}

TEST_F(ReassignmentsTest, AFencedControllerLeavesTheReassignmentToItsSuccessor) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(c);
  create_topic("t", {{0, {0, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  request({{{"t", 0}, {2, 3}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader_epoch() == 1; }));
  // Another controller was elected meanwhile.
  auto epoch = kb::test::run(io_, admin_.get("/controller_epoch"));
  ASSERT_TRUE(kb::test::run(io_, admin_.set("/controller_epoch", std::string("2"), epoch.value().stat.version)));
  leader_sets_isr("t", 0, {0, 1, 2, 3});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !c.active(); }));
  EXPECT_TRUE(moving("t"));
  EXPECT_EQ(state("t", 0)->leader(), 0);
  EXPECT_TRUE(exists(reassign_partitions_znode::path()));
}

TEST_F(ReassignmentsTest, TopicDeletionWaitsUntilTheReassignmentCompletes) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(c);
  create_topic("t", {{0, {0, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  request({{{"t", 0}, {2, 3}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return moving("t"); }));
  ASSERT_TRUE(kb::test::run(io_, admin_.create("/admin/delete_topics/t", std::nullopt)));
  uint64_t seen = c.events_processed();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.events_processed() > seen; }));
  EXPECT_TRUE(topic("t").has_value());
  leader_sets_isr("t", 0, {0, 1, 2, 3});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !exists(topic_znode::path("t")); }));
  EXPECT_FALSE(exists("/admin/delete_topics/t"));
}

TEST_F(ReassignmentsTest, ALaterZnodeIsActedOnAfterTheFirstIsDone) {
  controller c(zk_, kb::broker_id{0}, io_.get_executor(), {});
  elect(c);
  create_topic("t", {{0, {0, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  request({{{"t", 0}, {1, 0}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !exists(reassign_partitions_znode::path()); }));
  request({{{"t", 0}, {0, 2}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return moving("t"); }));
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{0, 2, 1}));
}

// AlterPartitionReassignments / ListPartitionReassignments enter through the same machine.
class ReassignmentApiTest : public ReassignmentsTest {
 protected:
  void SetUp() override {
    elect(c_);
    create_topic("t", {{0, {0, 1}}, {1, {1, 0}}});
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0) && state("t", 1); }));
  }

  std::map<kb::topic_partition, reassignment_outcome> alter(reassignments::alter_request request) {
    auto r = kb::test::run(io_, c_.partition_reassignments().alter(std::move(request)));
    EXPECT_TRUE(r.has_value());
    return r.value_or(std::map<kb::topic_partition, reassignment_outcome>{});
  }

  std::map<kb::topic_partition, full_assignment> list(std::optional<std::set<kb::topic_partition>> partitions = {}) {
    auto r = kb::test::run(io_, c_.partition_reassignments().list(std::move(partitions)));
    EXPECT_TRUE(r.has_value());
    return r.value_or(std::map<kb::topic_partition, full_assignment>{});
  }

  controller c_{zk_, kb::broker_id{0}, io_.get_executor(), {}};
};

TEST_F(ReassignmentApiTest, AlterStartsAMoveThatListShowsUntilItCompletes) {
  auto results = alter({{{"t", 0}, ids{2, 3}}});
  EXPECT_EQ(results.at({"t", 0}).error, reassignment_error::none);
  auto listed = list();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.at({"t", 0}), (full_assignment{{2, 3, 0, 1}, {2, 3}, {0, 1}}));
  EXPECT_EQ(list(std::set<kb::topic_partition>{{"t", 1}}).size(), 0u);  // not moving
  leader_sets_isr("t", 0, {0, 1, 2, 3});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c_.reassigning().empty(); }));
  EXPECT_TRUE(list().empty());
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{2, 3}));
  EXPECT_EQ(state("t", 0)->leader(), 2);
}

TEST_F(ReassignmentApiTest, InvalidTargetsAreRefusedWithKafkasMessages) {
  auto results = alter({{{"t", 0}, ids{}},
                        {{"t", 1}, ids{2, 2}},
                        {{"u", 0}, ids{-1}},
                        {{"v", 0}, ids{1, 7}},
                        {{"w", 0}, ids{1}},
                        {{"x", 0}, std::nullopt}});
  EXPECT_EQ(results.at({"t", 0}).error, reassignment_error::invalid_replica_assignment);
  EXPECT_EQ(results.at({"t", 0}).message, "Empty replica list specified in partition reassignment.");
  EXPECT_EQ(results.at({"t", 1}).message, "Duplicate replica ids in partition reassignment replica list: ArrayBuffer(2, 2)");
  EXPECT_EQ(results.at({"u", 0}).message, "Invalid broker id in replica list: ArrayBuffer(-1)");
  EXPECT_EQ(results.at({"v", 0}).message,
            "Replica assignment has brokers that are not alive. Replica list: ArrayBuffer(1, 7), live broker list: "
            "Set(0, 1, 2, 3)");
  EXPECT_EQ(results.at({"w", 0}).error, reassignment_error::unknown_topic_or_partition);
  EXPECT_EQ(results.at({"x", 0}).error, reassignment_error::no_reassignment_in_progress);
  EXPECT_TRUE(c_.reassigning().empty());
  EXPECT_FALSE(moving("t"));
}

TEST_F(ReassignmentApiTest, CancellingGoesBackToTheOriginalReplicas) {
  alter({{{"t", 0}, ids{2, 3}}});
  ASSERT_TRUE(moving("t"));
  auto results = alter({{{"t", 0}, std::nullopt}});
  EXPECT_EQ(results.at({"t", 0}).error, reassignment_error::none);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c_.reassigning().empty(); }));
  EXPECT_EQ(topic("t")->partitions.at(0), (ids{0, 1}));
  EXPECT_TRUE(topic("t")->adding_replicas.empty());
  EXPECT_EQ(state("t", 0)->leader(), 0);
}

TEST_F(ReassignmentApiTest, AnApiRequestSupersedesTheZnodeEntryForItsPartition) {
  request({{{"t", 0}, {2, 3}}, {{"t", 1}, {2, 3}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c_.reassigning().size() == 2; }));
  alter({{{"t", 0}, ids{1, 2}}});
  auto left = kb::test::run(io_, admin_.get(reassign_partitions_znode::path()));
  ASSERT_TRUE(left);
  EXPECT_EQ(*left.value().data, reassign_partitions_znode::encode({{{"t", 1}, {2, 3}}}));
  EXPECT_EQ(list().at({"t", 0}), (full_assignment{{1, 2, 0}, {2}, {0}}));
}

TEST_F(ReassignmentApiTest, ADeposedControllerAnswersNothing) {
  c_.stop();
  EXPECT_FALSE(kb::test::run(io_, c_.partition_reassignments().alter({{{"t", 0}, ids{2, 3}}})).has_value());
  EXPECT_FALSE(kb::test::run(io_, c_.partition_reassignments().list(std::nullopt)).has_value());
}

}  // namespace
}  // namespace kb::zkmeta
