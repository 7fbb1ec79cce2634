// The controller and failed log dirs (KIP-112): a broker's log dir event makes the controller
// ask it which replicas are offline; those lose leadership and ISR membership for their
// partition alone, and are never elected while that broker's registration lasts.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "zkmeta/runtime/async_event.h"

#include "tests/unit/zkmeta/controller_fixture.h"
#include "zkmeta/znodes/log_dir_event_notification_znode.h"
#include "zkmeta/znodes/delete_topic_znode.h"

namespace kb::zkmeta {
namespace {

namespace seq = log_dir_event_notification_sequence_znode;

// Answers as a broker would: the replicas listed offline for it when asked refuse, the rest
// answer. While `held`, answers wait until release().
class fake_replica_probe final : public replica_probe {
 public:
  explicit fake_replica_probe(boost::asio::any_io_executor ex) : gate_(ex) {}

  boost::asio::awaitable<replica_probe_result> probe(int32_t broker, std::vector<kb::topic_partition> replicas) override {
    ++asked[broker];
    if (silent.contains(broker)) co_return replica_probe_result{std::nullopt, "connection refused"};
    const std::set<kb::topic_partition> refusing = offline[broker];
    ++waiting;
    while (held) co_await gate_.wait();
    --waiting;
    replica_probe_answer answer;
    for (const kb::topic_partition& tp : replicas) (refusing.contains(tp) ? answer.offline : answer.online).insert(tp);
    co_return replica_probe_result{answer, {}};
  }

  void release() {
    held = false;
    gate_.notify_all();
  }

  std::map<int32_t, std::set<kb::topic_partition>> offline;
  std::set<int32_t> silent;      // brokers that do not answer
  std::map<int32_t, int> asked;  // probes per broker
  bool held = false;
  int waiting = 0;  // probes held

 private:
  async_event gate_;
};

class ControllerLogDirFailureTest : public test::controller_fixture {
 protected:
  ControllerLogDirFailureTest() {
    settings_.replica_probe_backoff = std::chrono::milliseconds(1);
    settings_.replica_probe_max_backoff = std::chrono::milliseconds(4);
    b1_ = start_broker(1);
    b2_ = start_broker(2);
    b3_ = start_broker(3);
  }

  // Broker `broker` tells the controller one of its log dirs failed.
  void post_log_dir_event(int32_t broker) {
    ASSERT_TRUE(kb::test::run(io_, admin_.create(seq::path(), seq::encode(broker), create_mode::persistent_sequential)));
  }

  size_t notifications() {
    auto children = kb::test::run(io_, admin_.get_children(log_dir_event_notification_znode::path()));
    return children ? children.value().size() : 0;
  }

  // A controller with the probe, started, with topic t (two partitions on brokers 1, 2, 3)
  // led by broker 1.
  std::unique_ptr<controller> started_with_topic() {
    auto c = std::make_unique<controller>(zk_, kb::broker_id{1}, io_.get_executor(), settings_);
    c->probe_replicas_with(&probe_);
    start_controller(*c);
    create_topic("t", {{0, {1, 2, 3}}, {1, {1, 2, 3}}});
    EXPECT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0) && state("t", 1); }));
    return c;
  }

  controller_settings settings_;
  fake_replica_probe probe_{io_.get_executor()};
  std::unique_ptr<fake_zk_client> b1_, b2_, b3_;
  const kb::topic_partition t0_{"t", 0}, t1_{"t", 1};
};

TEST_F(ControllerLogDirFailureTest, AnOfflineLeaderReplicaLosesLeadershipAndLeavesTheIsr) {
  auto c = started_with_topic();
  ASSERT_EQ(state("t", 0)->leader(), 1);
  probe_.offline[1] = {t0_};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(state("t", 0)->leader_epoch(), 1);
  EXPECT_TRUE(c->replicas_offline().offline(t0_, 1));
  // Broker 1's other replica, in a working dir, keeps leading.
  EXPECT_EQ(state("t", 1)->leader(), 1);
  EXPECT_EQ(state("t", 1)->isr, (std::vector<int32_t>{1, 2, 3}));
  EXPECT_EQ(notifications(), 0u) << "the controller deletes what it handled";
  EXPECT_EQ(c->offline_partitions(), 0u);
}

TEST_F(ControllerLogDirFailureTest, AnOfflineFollowerReplicaLeavesTheIsr) {
  auto c = started_with_topic();
  probe_.offline[3] = {t0_, t1_};
  post_log_dir_event(3);
  ASSERT_TRUE(kb::test::run_until(io_, [&] {
    return state("t", 0)->isr == std::vector<int32_t>{1, 2} && state("t", 1)->isr == std::vector<int32_t>{1, 2};
  }));
  EXPECT_EQ(state("t", 0)->leader(), 1);
}

TEST_F(ControllerLogDirFailureTest, OnlyTheBrokerNamedIsAsked) {
  auto c = started_with_topic();
  std::map<int32_t, int> at_start = probe_.asked;
  post_log_dir_event(2);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return probe_.asked[2] == at_start[2] + 1 && notifications() == 0; }));
  EXPECT_EQ(probe_.asked[1], at_start[1]);
  EXPECT_EQ(probe_.asked[3], at_start[3]);
  EXPECT_TRUE(c->replicas_offline().brokers().empty()) << "every replica answered";
}

TEST_F(ControllerLogDirFailureTest, AReplicaInAFailedDirIsNotElectedWhenTheLeaderDies) {
  auto c = started_with_topic();
  set_isr("t", 0, {1, 2});  // broker 3 fell behind
  probe_.offline[2] = {t0_};
  post_log_dir_event(2);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->isr == std::vector<int32_t>{1}; }));
  b1_->expire_session();
  // Broker 2 is alive, but its replica is offline; broker 3 is out of sync: no clean choice.
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == -1; }));
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{1}));
  EXPECT_EQ(c->offline_partitions(), 1u);
}

TEST_F(ControllerLogDirFailureTest, UncleanElectionPassesOverAnOfflineReplica) {
  settings_.unclean_leader_election = true;
  auto c = started_with_topic();
  probe_.offline[2] = {t0_};
  post_log_dir_event(2);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->isr == std::vector<int32_t>{1, 3}; }));
  set_isr("t", 0, {1});
  b1_->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() != 1; }));
  EXPECT_EQ(state("t", 0)->leader(), 3) << "broker 2 comes first in the assignment but its replica is offline";
  EXPECT_EQ(state("t", 0)->isr, (std::vector<int32_t>{3}));
}

TEST_F(ControllerLogDirFailureTest, ASingleReplicaPartitionWhoseReplicaIsOfflineGoesOffline) {
  auto c = started_with_topic();
  create_topic("solo", {{0, {2}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("solo", 0).has_value(); }));
  probe_.offline[2] = {{"solo", 0}};
  post_log_dir_event(2);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("solo", 0)->leader() == -1; }));
  EXPECT_EQ(state("solo", 0)->isr, (std::vector<int32_t>{2})) << "kept, as for a dead last replica";
  EXPECT_EQ(c->offline_partitions(), 1u);
}

TEST_F(ControllerLogDirFailureTest, ABrokerThatDoesNotAnswerIsAskedAgainUntilItDoes) {
  auto c = started_with_topic();
  probe_.silent = {1};
  probe_.offline[1] = {t0_};
  const int at_start = probe_.asked[1];
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return probe_.asked[1] >= at_start + 3; }));
  EXPECT_EQ(state("t", 0)->leader(), 1);
  probe_.silent.clear();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
}

TEST_F(ControllerLogDirFailureTest, ABrokerThatRegistersAgainIsNoLongerTakenForOffline) {
  auto c = started_with_topic();
  probe_.offline[1] = {t0_};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->replicas_offline().offline(t0_, 1); }));
  probe_.offline.clear();  // restarted: the dir recovered
  b1_->expire_session();
  b1_ = start_broker(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->replicas_offline().brokers().empty(); }));
  // Its replica may lead again: broker 2 dies with broker 1 back in the ISR.
  set_isr("t", 0, {2, 3, 1});
  b2_->expire_session();
  b3_->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 1; }));
}

// The replica is back in the ISR (a stale view, say): still it may not lead.
TEST_F(ControllerLogDirFailureTest, APreferredReplicaInAFailedDirIsNotElected) {
  auto c = started_with_topic();
  probe_.offline[1] = {t0_};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
  set_isr("t", 0, {2, 3, 1});
  std::optional<std::vector<kb::topic_partition>> t0{{t0_}};
  auto results = kb::test::run(io_, c->elect_leaders(election_type::preferred, t0));
  ASSERT_TRUE(results);
  EXPECT_EQ(results->at(t0_).outcome, election_outcome::preferred_not_available);
  EXPECT_EQ(state("t", 0)->leader(), 2);
}

TEST_F(ControllerLogDirFailureTest, AutoRebalanceLeavesTheLeaderOfAPartitionWhosePreferredReplicaIsOffline) {
  settings_.first_leader_imbalance_check = std::chrono::milliseconds(10);
  settings_.leader_imbalance_check_interval = std::chrono::milliseconds(10);
  auto c = started_with_topic();
  probe_.offline[1] = {t0_};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
  set_isr("t", 0, {2, 3, 1});
  const uint64_t seen = c->events_processed();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->events_processed() >= seen + 3; }));
  EXPECT_EQ(state("t", 0)->leader(), 2);
}

// Its session expired and it registered again, still with the failed dir: asked again, it
// says so again (whether the controller saw it leave and come back, or only a new czxid).
TEST_F(ControllerLogDirFailureTest, ABrokerThatRegistersAgainIsAskedAgain) {
  auto c = started_with_topic();
  probe_.offline[1] = {t0_};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->replicas_offline().offline(t0_, 1); }));
  const int asked = probe_.asked[1];
  b1_->expire_session();
  b1_ = start_broker(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] {
    return probe_.asked[1] > asked && c->probes_running() == 0 && c->replicas_offline().offline(t0_, 1);
  }));
  EXPECT_NE(state("t", 0)->leader(), 1);
}

// Kafka's new controller learns offline replicas from its first LeaderAndIsr round.
TEST_F(ControllerLogDirFailureTest, ANewControllerAsksEveryLiveBroker) {
  {
    controller before(zk_, kb::broker_id{1}, io_.get_executor(), settings_);
    start_controller(before);
    create_topic("t", {{0, {1, 2, 3}}});
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0).has_value(); }));
    before.stop();
  }
  probe_.offline[1] = {t0_};
  controller after(zk_, kb::broker_id{2}, io_.get_executor(), settings_);
  after.probe_replicas_with(&probe_);
  start_controller(after);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->leader() == 2; }));
  EXPECT_EQ(probe_.asked, (std::map<int32_t, int>{{1, 1}, {2, 1}, {3, 1}}));
}

// ... and deletes the notifications its predecessor left (it asks everyone anyway).
TEST_F(ControllerLogDirFailureTest, ANewControllerDeletesLeftoverNotifications) {
  post_log_dir_event(3);
  auto c = started_with_topic();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return notifications() == 0; }));
  EXPECT_TRUE(c->active());
}

TEST_F(ControllerLogDirFailureTest, ABrokerThatJoinsIsAsked) {
  auto c = started_with_topic();
  create_topic("u", {{0, {4, 1}}});
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("u", 0).has_value(); }));
  probe_.offline[4] = {{"u", 0}};
  auto b4 = start_broker(4);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->replicas_offline().offline({"u", 0}, 4); }));
  EXPECT_EQ(probe_.asked[4], 1);
}

// Kafka's controller sends one broker its requests in order; so are probes asked.
TEST_F(ControllerLogDirFailureTest, OneProbePerBrokerAtATimeAndOneMoreIfAskedMeanwhile) {
  auto c = started_with_topic();
  probe_.held = true;
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return probe_.waiting == 1; }));
  const int first = probe_.asked[1];
  post_log_dir_event(1);
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return notifications() == 0; }));
  EXPECT_EQ(probe_.asked[1], first);
  probe_.offline[1] = {t0_};
  probe_.release();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->probes_running() == 0 && state("t", 0)->leader() == 2; }));
  EXPECT_EQ(probe_.asked[1], first + 1) << "the two events meanwhile make one probe after the running one";
}

TEST_F(ControllerLogDirFailureTest, ABrokerThatDiesIsNoLongerAsked) {
  auto c = started_with_topic();
  probe_.silent = {1};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return probe_.asked[1] >= 2; }));
  b1_->expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->probes_running() == 0; }));
}

// The broker answered, then restarted (its dir recovered) before the answer was applied.
TEST_F(ControllerLogDirFailureTest, AnAnswerFromABrokersEarlierRegistrationIsDropped) {
  auto c = started_with_topic();
  probe_.held = true;
  probe_.offline[1] = {t0_};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return probe_.waiting == 1; }));
  const uint64_t events = c->events_processed();
  b1_->expire_session();
  b1_ = start_broker(1);
  // The controller has handled the new registration before the old answer arrives.
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->events_processed() > events; }));
  kb::test::drain(io_);
  // The probe of the new registration gets no answer: the old one is all the controller hears.
  probe_.silent = {1};
  const int asked = probe_.asked[1];
  probe_.release();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return probe_.asked[1] >= asked + 2; }));
  kb::test::drain(io_);
  EXPECT_TRUE(c->replicas_offline().brokers().empty());
}

TEST_F(ControllerLogDirFailureTest, ADeletedTopicsReplicasAreNoLongerOffline) {
  auto c = started_with_topic();
  probe_.offline[1] = {t0_};
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return c->replicas_offline().offline(t0_, 1); }));
  ASSERT_TRUE(kb::test::run(io_, admin_.create(delete_topic_znode::path("t"), delete_topic_znode::encode())));
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !state("t", 0).has_value(); }));
  EXPECT_TRUE(c->replicas_offline().brokers().empty());
}

TEST_F(ControllerLogDirFailureTest, AControlledShutdownPassesOverAnOfflineSuccessor) {
  auto c = started_with_topic();
  probe_.offline[2] = {t0_};
  post_log_dir_event(2);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return state("t", 0)->isr == std::vector<int32_t>{1, 3}; }));
  set_isr("t", 0, {1, 2, 3});  // a stale view puts it back
  auto remaining = kb::test::run(io_, c->controlled_shutdown(1));
  ASSERT_TRUE(remaining.has_value());
  EXPECT_EQ(state("t", 0)->leader(), 3);
}

TEST_F(ControllerLogDirFailureTest, ADeposedControllerLeavesTheNotificationForItsSuccessor) {
  auto c = started_with_topic();
  bump_controller_epoch();
  post_log_dir_event(1);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return !c->active(); }));
  EXPECT_EQ(notifications(), 1u);
}

TEST_F(ControllerLogDirFailureTest, AMalformedNotificationIsDeletedAndIgnored) {
  auto c = started_with_topic();
  ASSERT_TRUE(kb::test::run(io_, admin_.create(seq::path(), std::string("{\"version\":1}"),
                                               create_mode::persistent_sequential)));
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return notifications() == 0; }));
  EXPECT_TRUE(c->active());
  EXPECT_EQ(state("t", 0)->leader(), 1);
}

}  // namespace
}  // namespace kb::zkmeta
