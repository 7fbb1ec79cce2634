// The controller's replica elections against the in-memory ZooKeeper: ElectLeaders requests,
// the /admin/preferred_replica_election znode and the automatic leader rebalance.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/unit/zkmeta/controller_fixture.h"
#include "zkmeta/controller/full_assignment.h"
#include "zkmeta/controller/reassignments.h"
#include "zkmeta/znodes/preferred_replica_election_znode.h"

namespace kb::zkmeta {
namespace {

using namespace std::chrono_literals;
using results = controller::election_results;

class ControllerReplicaElectionTest : public test::controller_fixture {
 protected:
  // Brokers 1 and 2 replicate t-0 (preferred 1) and t-1 (preferred 2). Broker 1 dies and
  // comes back: broker 2 leads both, and broker 1 is not yet back in t-0's ISR.
  void lose_and_restart_broker_1(controller& c) {
    b1_ = start_broker(1);
    b2_ = start_broker(2);
    start_controller(c);
    create_topic("t", {{0, {1, 2}}, {1, {2, 1}}});
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0) && state("t", 1); }));
    ASSERT_EQ(state("t", 0)->leader(), 1);
    b1_->expire_session();
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
    ASSERT_EQ(state("t", 0)->isr, (std::vector<int32_t>{2}));
    b1_ = start_broker(1);
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.live_brokers().count(1) > 0; }));
  }

  // Broker 1 caught up: the leader (2) adds it back to t-0's ISR.
  void broker_1_rejoins_the_isr(controller& c) {
    set_isr("t", 0, {2, 1});
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.states().at({"t", 0}).state.isr.size() == 2; }));
  }

  std::optional<results> elect(controller& c, election_type type, std::optional<std::vector<kb::topic_partition>> tps) {
    return kb::test::run(io_, c.elect_leaders(type, std::move(tps)));
  }

  // t-0 on [1,2], led by 1, moves to [3,4,1] (RS [3,4,1,2]). Broker 3 has caught up and
  // broker 4 has not, so the reassignment waits while RS[0] = 3 could lead.
  void start_waiting_reassignment(controller& c) {
    for (int32_t id : {1, 2, 3, 4}) brokers_.push_back(start_broker(id));
    start_controller(c);
    create_topic("t", {{0, {1, 2}}});
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
    ASSERT_EQ(state("t", 0)->leader(), 1);
    reassignments::alter_request move{{{"t", 0}, std::vector<int32_t>{3, 4, 1}}};
    auto altered = kb::test::run(io_, c.partition_reassignments().alter(std::move(move)));
    ASSERT_TRUE(altered);
    ASSERT_EQ(altered->at({"t", 0}).error, reassignment_error::none);
    set_isr("t", 0, {1, 2, 3});
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.states().at({"t", 0}).state.isr.size() == 3; }));
    ASSERT_TRUE(c.reassigning().count({"t", 0}));
  }

  // Broker 4 catches up: the reassignment completes; leader 1 is a target replica and stays.
  void finish_reassignment(controller& c) {
    set_isr("t", 0, {1, 2, 3, 4});
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.reassigning().empty() && state("t", 0)->isr.size() == 3; }));
    ASSERT_EQ(state("t", 0)->isr, (std::vector<int32_t>{1, 3, 4}));
  }

  controller_settings no_auto_rebalance() {
    controller_settings s;
    s.auto_leader_rebalance = false;
    return s;
  }

  // Auto rebalance checking every 10 ms.
  controller_settings fast_rebalance() {
    controller_settings s;
    s.first_leader_imbalance_check = 10ms;
    s.leader_imbalance_check_interval = 10ms;
    return s;
  }

  std::unique_ptr<fake_zk_client> b1_, b2_;
  std::vector<std::unique_ptr<fake_zk_client>> brokers_;
};

TEST_F(ControllerReplicaElectionTest, PreferredElectionMovesLeadershipBackToTheInSyncPreferredReplica) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  lose_and_restart_broker_1(c);
  broker_1_rejoins_the_isr(c);
  const int32_t epoch_before = state("t", 0)->leader_epoch();
  auto r = elect(c, election_type::preferred, std::vector<kb::topic_partition>{{"t", 0}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->at({"t", 0}).outcome, election_outcome::elected);
  auto s = *state("t", 0);
  EXPECT_EQ(s.leader(), 1);
  EXPECT_EQ(s.isr, (std::vector<int32_t>{2, 1}));  // unchanged
  EXPECT_EQ(s.leader_epoch(), epoch_before + 1);
  EXPECT_EQ(s.controller_epoch(), 1);
  EXPECT_EQ(c.states().at({"t", 0}).state, s);
}

TEST_F(ControllerReplicaElectionTest, PreferredElectionFailsWhileThePreferredReplicaIsOutOfSync) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  lose_and_restart_broker_1(c);
  const auto before = *state("t", 0);
  auto r = elect(c, election_type::preferred, std::vector<kb::topic_partition>{{"t", 0}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->at({"t", 0}).outcome, election_outcome::preferred_not_available);
  EXPECT_EQ(r->at({"t", 0}).message,
            "Failed to elect leader for partition t-0 under strategy PreferredReplicaPartitionLeaderElectionStrategy");
  EXPECT_EQ(*state("t", 0), before);
}

TEST_F(ControllerReplicaElectionTest, TheIsrIsReadFromZooKeeperNotFromTheCache) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  lose_and_restart_broker_1(c);
  // The leader widened the ISR but its notification has not reached the controller yet.
  auto r0 = kb::test::run(io_, admin_.get(partition_state_znode::path("t", 0)));
  leader_and_isr widened = partition_state_znode::decode(*r0.value().data).value();
  widened.isr = {2, 1};
  ASSERT_TRUE(kb::test::run(io_, admin_.set(partition_state_znode::path("t", 0), partition_state_znode::encode(widened),
                                            r0.value().stat.version)));
  auto r = elect(c, election_type::preferred, std::vector<kb::topic_partition>{{"t", 0}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->at({"t", 0}).outcome, election_outcome::elected);
  EXPECT_EQ(state("t", 0)->leader(), 1);
}

TEST_F(ControllerReplicaElectionTest, ReportsNotNeededAndUnknownPartitions) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  lose_and_restart_broker_1(c);
  auto r = elect(c, election_type::preferred,
                 std::vector<kb::topic_partition>{{"t", 1}, {"t", 7}, {"nope", 0}, {"t", 1}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 3u);  // asked twice, answered once
  EXPECT_EQ(r->at({"t", 1}).outcome, election_outcome::not_needed);  // broker 2 is t-1's preferred leader
  EXPECT_EQ(r->at({"t", 7}).outcome, election_outcome::unknown_partition);
  EXPECT_EQ(r->at({"t", 7}).message, "The partition does not exist.");
  EXPECT_EQ(r->at({"nope", 0}).outcome, election_outcome::unknown_partition);
}

TEST_F(ControllerReplicaElectionTest, NoPartitionListMeansEveryPartition) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  lose_and_restart_broker_1(c);
  broker_1_rejoins_the_isr(c);
  auto r = elect(c, election_type::preferred, std::nullopt);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ(r->at({"t", 0}).outcome, election_outcome::elected);
  EXPECT_EQ(r->at({"t", 1}).outcome, election_outcome::not_needed);
  EXPECT_EQ(state("t", 0)->leader(), 1);
  EXPECT_EQ(state("t", 1)->leader(), 2);
}

TEST_F(ControllerReplicaElectionTest, AnInactiveControllerAnswersNothing) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  EXPECT_FALSE(elect(c, election_type::preferred, std::nullopt));
}

TEST_F(ControllerReplicaElectionTest, UncleanElectionGivesAnOfflinePartitionALiveOutOfSyncLeader) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  start_controller(c);
  create_topic("u", {{0, {1, 2}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("u", 0).has_value(); }));
  set_isr("u", 0, {1});  // broker 2 fell behind
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.states().at({"u", 0}).state.isr.size() == 1; }));
  b1->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("u", 0)->leader() == -1; }));  // unclean is off

  std::vector<kb::topic_partition> u0{{"u", 0}};
  auto preferred = elect(c, election_type::preferred, u0);
  ASSERT_TRUE(preferred);
  EXPECT_EQ(preferred->at({"u", 0}).outcome, election_outcome::preferred_not_available);

  auto unclean = elect(c, election_type::unclean, u0);
  ASSERT_TRUE(unclean);
  EXPECT_EQ(unclean->at({"u", 0}).outcome, election_outcome::elected);
  EXPECT_EQ(state("u", 0)->leader(), 2);
  EXPECT_EQ(state("u", 0)->isr, (std::vector<int32_t>{2}));

  auto again = elect(c, election_type::unclean, u0);  // a live leader now exists
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at({"u", 0}).outcome, election_outcome::not_needed);
}

TEST_F(ControllerReplicaElectionTest, UncleanElectionFailsWithNoLiveReplica) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  start_controller(c);
  create_topic("u", {{0, {1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("u", 0).has_value(); }));
  b1->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("u", 0)->leader() == -1; }));
  auto r = elect(c, election_type::unclean, std::vector<kb::topic_partition>{{"u", 0}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->at({"u", 0}).outcome, election_outcome::eligible_not_available);
  EXPECT_EQ(state("u", 0)->leader(), -1);
}

TEST_F(ControllerReplicaElectionTest, AFencedControllerElectsNothing) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  lose_and_restart_broker_1(c);
  broker_1_rejoins_the_isr(c);
  bump_controller_epoch();
  const auto before = *state("t", 0);
  auto r = elect(c, election_type::preferred, std::vector<kb::topic_partition>{{"t", 0}});
  if (r) {
    EXPECT_EQ(r->at({"t", 0}).outcome, election_outcome::controller_moved);
  }
  EXPECT_FALSE(c.active());
  EXPECT_EQ(*state("t", 0), before);
}

TEST_F(ControllerReplicaElectionTest, ThePreferredReplicaElectionZnodeIsProcessedThenDeleted) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  lose_and_restart_broker_1(c);
  broker_1_rejoins_the_isr(c);
  const std::string path = preferred_replica_election_znode::path();
  ASSERT_TRUE(kb::test::run(io_, admin_.create(path, preferred_replica_election_znode::encode({{"t", 0}, {"gone", 3}}))));
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 1 && !exists(path); }));

  // The watch is armed again: a second request is seen too.
  b1_->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
  b1_ = start_broker(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.live_brokers().count(1) > 0; }));
  set_isr("t", 0, {2, 1});
  ASSERT_TRUE(kb::test::run(io_, admin_.create(path, preferred_replica_election_znode::encode({{"t", 0}}))));
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 1 && !exists(path); }));
}

TEST_F(ControllerReplicaElectionTest, APendingZnodeIsProcessedWhenAControllerStarts) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  create_topic("t", {{0, {1, 2}}});
  leader_and_isr s;
  s.leader = kb::broker_id{2};
  s.isr = {2, 1};
  ASSERT_TRUE(kb::test::run(io_, admin_.create(topic_partitions_znode::path("t"), std::nullopt)));
  ASSERT_TRUE(kb::test::run(io_, admin_.create(topic_partition_znode::path("t", 0), std::nullopt)));
  ASSERT_TRUE(kb::test::run(io_, admin_.create(partition_state_znode::path("t", 0), partition_state_znode::encode(s))));
  const std::string path = preferred_replica_election_znode::path();
  ASSERT_TRUE(kb::test::run(io_, admin_.create(path, preferred_replica_election_znode::encode({{"t", 0}}))));
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), no_auto_rebalance());
  start_controller(c);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 1 && !exists(path); }));
  EXPECT_EQ(state("t", 0)->leader_epoch(), 1);
}

TEST_F(ControllerReplicaElectionTest, AutoRebalanceReturnsLeadershipOnceThePreferredReplicaIsInSync) {
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), fast_rebalance());
  lose_and_restart_broker_1(c);
  // Out of sync, broker 1 cannot take t-0 back, however many checks pass.
  EXPECT_EQ(state("t", 0)->leader(), 2);
  broker_1_rejoins_the_isr(c);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 1; }));
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{2, 1}));
  EXPECT_EQ(state("t", 1)->leader(), 2);
}

TEST_F(ControllerReplicaElectionTest, AutoRebalanceLeavesAnImbalanceBelowThePercentage) {
  controller_settings s = fast_rebalance();
  s.leader_imbalance_per_broker_percentage = 100;  // a ratio can never be above 1
  controller c(zk_, kb::broker_id{2}, io_.get_executor(), s);
  lose_and_restart_broker_1(c);
  broker_1_rejoins_the_isr(c);
  // Nothing else happens in the cluster now: the next events are imbalance checks.
  const uint64_t seen = c.events_processed();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.events_processed() >= seen + 3; }));
  EXPECT_EQ(state("t", 0)->leader(), 2);
}

TEST_F(ControllerReplicaElectionTest, APreferredElectionWaitsForThePartitionsReassignment) {
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), no_auto_rebalance());
  start_waiting_reassignment(c);
  const auto before = *state("t", 0);
  std::vector<kb::topic_partition> t0{{"t", 0}};
  auto refused = elect(c, election_type::preferred, t0);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->at({"t", 0}).outcome, election_outcome::reassignment_in_progress);
  EXPECT_EQ(refused->at({"t", 0}).message, "Partition t-0 is being reassigned; its reassignment elects the leader.");
  EXPECT_EQ(*state("t", 0), before);

  finish_reassignment(c);
  EXPECT_EQ(state("t", 0)->leader(), 1);
  auto elected = elect(c, election_type::preferred, t0);
  ASSERT_TRUE(elected);
  EXPECT_EQ(elected->at({"t", 0}).outcome, election_outcome::elected);
  EXPECT_EQ(state("t", 0)->leader(), 3);
}

TEST_F(ControllerReplicaElectionTest, AutoRebalanceLeavesAPartitionBeingReassignedToItsReassignment) {
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), fast_rebalance());
  start_waiting_reassignment(c);
  // Broker 3 is t-0's preferred replica, in sync and alive, and leads nothing: a ratio of 1.
  const uint64_t seen = c.events_processed();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c.events_processed() >= seen + 5; }));
  EXPECT_EQ(state("t", 0)->leader(), 1);

  finish_reassignment(c);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 3; }));
}

TEST_F(ControllerReplicaElectionTest, APendingZnodeSkipsAPartitionWhoseReassignmentResumesAtStartup) {
  for (int32_t id : {1, 2, 3, 4}) brokers_.push_back(start_broker(id));
  // A previous controller started [1,2] -> [3,4,1] and 3 caught up.
  topic_assignment t;
  t.topic_id = "AAAAAAAAAAAAAAAAAAAAAA";
  full_assignment{{3, 4, 1, 2}, {3, 4}, {2}}.store(t, 0);
  ASSERT_TRUE(kb::test::run(io_, admin_.create(topic_znode::path("t"), topic_znode::encode(t))));
  leader_and_isr st;
  st.leader = kb::broker_id{1};
  st.isr = {1, 2, 3};
  ASSERT_TRUE(kb::test::run(io_, admin_.create(topic_partitions_znode::path("t"), std::nullopt)));
  ASSERT_TRUE(kb::test::run(io_, admin_.create(topic_partition_znode::path("t", 0), std::nullopt)));
  ASSERT_TRUE(kb::test::run(io_, admin_.create(partition_state_znode::path("t", 0), partition_state_znode::encode(st))));
  const std::string path = preferred_replica_election_znode::path();
  ASSERT_TRUE(kb::test::run(io_, admin_.create(path, preferred_replica_election_znode::encode({{"t", 0}}))));

  controller c(zk_, kb::broker_id{1}, io_.get_executor(), no_auto_rebalance());
  start_controller(c);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !exists(path); }));
  EXPECT_TRUE(c.reassigning().count({"t", 0}));
  EXPECT_EQ(state("t", 0)->leader(), 1);
}

}  // namespace
}  // namespace kb::zkmeta
