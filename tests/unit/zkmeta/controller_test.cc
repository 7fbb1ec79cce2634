// The controller and its election against the in-memory ZooKeeper: two "brokers" share one
// fake server, so races and fencing can be staged deterministically.
#include "zkmeta/controller/controller.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "tests/support/io_runner.h"
#include "tests/unit/zkmeta/controller_fixture.h"
#include "zkmeta/controller/controller_election.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/fake_zk_server.h"
#include "zkmeta/paths.h"
#include "zkmeta/retrying_zk_client.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/controller_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::zkmeta {
namespace {

// The shared fixture: a controller's session and an admin's on one in-memory ZooKeeper.
class ControllerTest : public test::controller_fixture {};

TEST_F(ControllerTest, NewTopicGetsLeaderAndIsrFromLiveReplicas) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  create_topic("orders", {{0, {2, 1, 3}}, {1, {1, 3, 2}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("orders", 0) && state("orders", 1); }));
  auto s0 = *state("orders", 0);
  EXPECT_EQ(s0.leader(), 2);
  EXPECT_EQ(s0.isr, (std::vector<int32_t>{2, 1}));  // broker 3 is not alive
  EXPECT_EQ(s0.leader_epoch(), 0);
  EXPECT_EQ(s0.controller_epoch(), 1);
  EXPECT_EQ(state("orders", 1)->leader(), 1);
}

TEST_F(ControllerTest, LeaderDeathMovesLeadershipWithinTheIsrAndBumpsTheEpoch) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  create_topic("t", {{0, {2, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  ASSERT_EQ(state("t", 0)->leader(), 2);
  b2->expire_session();  // broker 2 dies: its ephemeral vanishes
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 1; }));
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{1}));
  EXPECT_EQ(state("t", 0)->leader_epoch(), 1);
}

// The leader shrank the ISR (a conditional write of the state znode) and died before the
// controller read the change: its cached ISR still names the dropped follower. The election
// must be decided again on the state it finds, never force a replica the leader dropped
// (one missing committed records) back in as leader.
TEST_F(ControllerTest, ElectionRacingAnIsrShrinkPicksFromTheCurrentIsr) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  auto b3 = start_broker(3);
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  create_topic("t", {{0, {2, 1, 3}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  ASSERT_EQ(state("t", 0)->isr, (std::vector<int32_t>{2, 1, 3}));
  leader_and_isr shrunk = *state("t", 0);
  shrunk.isr = {2, 3};  // leader 2 drops follower 1, without an ISR change notification
  auto current = kb::test::run(io_, admin_.get(partition_state_znode::path("t", 0)));
  ASSERT_TRUE(kb::test::run(io_, admin_.set(partition_state_znode::path("t", 0), partition_state_znode::encode(shrunk),
                                        current.value().stat.version)));
  b2->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() != 2; }));
  EXPECT_EQ(state("t", 0)->leader(), 3);
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{3}));
  EXPECT_EQ(state("t", 0)->leader_epoch(), 1);
}

// The same race for a controlled shutdown: the successor comes from the ISR as it is now.
TEST_F(ControllerTest, ControlledShutdownRacingAnIsrShrinkPicksFromTheCurrentIsr) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  auto b3 = start_broker(3);
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  create_topic("t", {{0, {2, 1, 3}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  leader_and_isr shrunk = *state("t", 0);
  shrunk.isr = {2, 3};
  auto current = kb::test::run(io_, admin_.get(partition_state_znode::path("t", 0)));
  ASSERT_TRUE(kb::test::run(io_, admin_.set(partition_state_znode::path("t", 0), partition_state_znode::encode(shrunk),
                                        current.value().stat.version)));
  auto remaining = kb::test::run(io_, c.controlled_shutdown(2));
  ASSERT_TRUE(remaining.has_value());
  EXPECT_TRUE(remaining->empty());
  EXPECT_EQ(state("t", 0)->leader(), 3);
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{3}));
}

TEST_F(ControllerTest, NoLiveIsrMemberTakesThePartitionOfflineUntilOneReturns) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  create_topic("t", {{0, {2}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  b2->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == -1; }));
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{2}));  // the last ISR member is remembered
  auto back = start_broker(2);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
}

TEST_F(ControllerTest, AStaleControllerIsFencedByTheEpochAndChangesNothing) {
  auto b1 = start_broker(1);
  auto b2 = start_broker(2);
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  create_topic("t", {{0, {1, 2}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
  // Another controller is elected: the epoch's zkVersion moves on.
  auto epoch = kb::test::run(io_, admin_.get("/controller_epoch"));
  ASSERT_TRUE(kb::test::run(io_, admin_.set("/controller_epoch", std::string("2"), epoch.value().stat.version)));
  b1->expire_session();  // the old controller now wants to move leadership...
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !c.active(); }));  // ...and is fenced instead
  EXPECT_EQ(state("t", 0)->leader(), 1);
  EXPECT_EQ(state("t", 0)->leader_epoch(), 0);
}

TEST_F(ControllerTest, DeletingATopicRemovesItsZnodesAndTheMarker) {
  auto b1 = start_broker(1);
  controller c(zk_, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  create_topic("gone", {{0, {1}}, {1, {1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("gone", 1).has_value(); }));
  ASSERT_TRUE(kb::test::run(io_, admin_.create("/admin/delete_topics/gone", std::nullopt)));
  ASSERT_TRUE(kb::test::run_until(io_, [&] {
    auto t = kb::test::run(io_, admin_.exists(topic_znode::path("gone")));
    auto m = kb::test::run(io_, admin_.exists("/admin/delete_topics/gone"));
    return t && !t.value() && m && !m.value();
  }));
}

// Found by the nemesis (the ZooKeeper ensemble's leader killed while __consumer_offsets was
// created): requests that met the connection loss were dropped, and the partitions they were
// for had no leader until some later event. Through retrying_zk_client, as the broker wires
// the controller, they are sent again once the session is back.
TEST_F(ControllerTest, AConnectionLossWhileCreatingATopicStillGivesEveryPartitionALeader) {
  auto b1 = start_broker(1);
  retrying_zk_client until_connected(io_.get_executor(), zk_);
  controller c(until_connected, kb::broker_id{1}, io_.get_executor(), {});
  start_controller(c);
  kb::test::drain(io_);
  zk_.lose_connection();
  create_topic("t", {{0, {1}}, {1, {1}}, {2, {1}}});
  kb::test::drain(io_);
  EXPECT_FALSE(state("t", 0).has_value());  // nothing can be written while disconnected
  zk_.restore_connection();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0) && state("t", 1) && state("t", 2); }));
  for (int32_t p = 0; p < 3; ++p) EXPECT_EQ(state("t", p)->leader(), 1);
}

TEST(ControllerElectionTest, OneWinnerBumpsTheEpochAndTheOtherTakesOverWhenItDies) {
  boost::asio::io_context io;
  fake_zk_server server;
  fake_zk_client a(io.get_executor(), server), b(io.get_executor(), server);
  int32_t a_elected = 0, b_elected = 0, b_sees = -1;
  controller_election ea(a, kb::broker_id{1}, io.get_executor(),
                         {[&](kb::controller_epoch e, int32_t) { a_elected = e(); }, {}, {}}, [] { return 1000; });
  controller_election eb(b, kb::broker_id{2}, io.get_executor(),
                         {[&](kb::controller_epoch e, int32_t) { b_elected = e(); }, {}, [&](int32_t id) { b_sees = id; }},
                         [] { return 1000; });
  ea.start();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return a_elected == 1; }));
  eb.start();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return b_sees == 1; }));
  EXPECT_FALSE(eb.is_controller());
  a.expire_session();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return b_elected == 2; }));
  EXPECT_TRUE(eb.is_controller());
  EXPECT_EQ(b_sees, 2);
}

// Kafka's registerControllerAndIncrementControllerEpoch: one multi, so no reader ever sees a
// new /controller beside the old epoch.
TEST(ControllerElectionTest, TheControllerZnodeAndTheEpochBumpAreOneTransaction) {
  boost::asio::io_context io;
  fake_zk_server server;
  fake_zk_client a(io.get_executor(), server);
  int32_t elected = 0, version = -1;
  controller_election e(a, kb::broker_id{1}, io.get_executor(),
                        {[&](kb::controller_epoch ep, int32_t v) { elected = ep(), version = v; }, {}, {}},
                        [] { return 1000; });
  e.start();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return elected == 1; }));
  ASSERT_TRUE(server.stat_of("/controller") && server.stat_of("/controller_epoch"));
  EXPECT_EQ(server.stat_of("/controller")->czxid, server.stat_of("/controller_epoch")->mzxid);
  EXPECT_EQ(server.data_of("/controller_epoch"), "1");
  EXPECT_EQ(version, server.stat_of("/controller_epoch")->version);
}

// The winning multi went through but its answer was lost: sent again, it finds /controller
// taken, by this broker, and the epoch it wrote.
TEST(ControllerElectionTest, AWinWhoseAnswerWasLostIsStillAWin) {
  boost::asio::io_context io;
  fake_zk_server server;
  fake_zk_client a(io.get_executor(), server);
  ASSERT_TRUE(kb::test::run(io, a.create("/controller_epoch", std::string("4"))));
  int32_t elected = 0, version = -1;
  controller_election e(a, kb::broker_id{1}, io.get_executor(),
                        {[&](kb::controller_epoch ep, int32_t v) { elected = ep(), version = v; }, {}, {}},
                        [] { return 1000; });
  a.lose_next_answers(1);
  e.start();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return elected != 0; }));
  EXPECT_EQ(elected, 5);
  EXPECT_EQ(server.data_of("/controller_epoch"), "5") << "bumped once";
  EXPECT_EQ(version, server.stat_of("/controller_epoch")->version);
  EXPECT_TRUE(e.is_controller());
}

// A restarted broker finds its previous session's /controller, with its own id, still there:
// that is no win (its previous incarnation's controller is gone); it waits for the ephemeral
// to expire and then wins.
TEST(ControllerElectionTest, APredecessorsControllerZnodeWithTheSameIdIsNoWin) {
  boost::asio::io_context io;
  fake_zk_server server;
  fake_zk_client previous(io.get_executor(), server), a(io.get_executor(), server);
  int32_t elected = 0, sees = -1;
  controller_election before(previous, kb::broker_id{1}, io.get_executor(),
                             {[&](kb::controller_epoch, int32_t) {}, {}, {}}, [] { return 1000; });
  before.start();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return before.is_controller(); }));
  controller_election e(a, kb::broker_id{1}, io.get_executor(),
                        {[&](kb::controller_epoch ep, int32_t) { elected = ep(); }, {}, [&](int32_t id) { sees = id; }},
                        [] { return 1000; });
  e.start();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return sees == 1; }));
  EXPECT_FALSE(e.is_controller());
  EXPECT_EQ(elected, 0);
  previous.expire_session();
  ASSERT_TRUE(kb::test::run_until(io, [&] { return elected == 2; }));
  EXPECT_TRUE(e.is_controller());
}

}  // namespace
}  // namespace kb::zkmeta
