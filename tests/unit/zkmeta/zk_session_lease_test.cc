// zk_session_lease against the fake ZooKeeper and a manual clock: how long an answered probe
// holds the lease, renewal, lapse when ZooKeeper stops answering, and an expiry that only
// resume() ends.
#include "zkmeta/zk_session_lease.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "tests/support/io_runner.h"
#include "tests/support/manual_clock.h"
#include "tests/support/yielding_zk_client.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/runtime/async_event.h"

namespace kb::zkmeta {
namespace {

using namespace std::chrono_literals;
using kb::test::run;

class ZkSessionLeaseTest : public ::testing::Test {
 protected:
  ZkSessionLeaseTest() : server_([this] { return now_ms_; }), zk_(io_.get_executor(), server_) {
    zk_.set_session_timeout(6s);
  }

  void start() { ASSERT_TRUE(run(io_, lease_.start())); }

  // Moves time forward in steps of `step`, running every probe each step sends.
  void advance(std::chrono::milliseconds total, std::chrono::milliseconds step = 100ms) {
    for (auto done = 0ms; done < total; done += step) {
      clock_.advance(step);
      kb::test::drain(io_);
    }
  }

  int64_t now_ms_ = 1'000;
  boost::asio::io_context io_;
  kb::test::manual_clock clock_;
  fake_zk_server server_;
  fake_zk_client zk_;
  zk_session_lease lease_{zk_, clock_, io_.get_executor()};
};

TEST_F(ZkSessionLeaseTest, NotHeldBeforeTheFirstAnswer) { EXPECT_FALSE(lease_.held()); }

TEST_F(ZkSessionLeaseTest, AnAnsweredProbeHoldsItForASessionTimeoutLess2PercentFromItsSending) {
  start();
  EXPECT_TRUE(lease_.held());
  EXPECT_EQ(lease_.valid_until(), kb::clock::time_point{} + 5880ms);
  // No later probe runs (the io_context is not driven): the first answer alone counts.
  clock_.advance(5880ms - 1ms);
  EXPECT_TRUE(lease_.held());
  clock_.advance(1ms);
  EXPECT_FALSE(lease_.held());
}

TEST_F(ZkSessionLeaseTest, ProbesEveryThirdOfTheTimeoutKeepItHeld) {
  start();
  advance(60s);
  EXPECT_TRUE(lease_.held());
  EXPECT_GT(lease_.valid_until(), clock_.now() + 3s);
}

TEST_F(ZkSessionLeaseTest, TheNegotiatedTimeoutIsTheLeasesLength) {
  zk_.set_session_timeout(4s);  // the server clamped what was asked for
  start();
  EXPECT_EQ(lease_.valid_until(), kb::clock::time_point{} + 3920ms);
}

TEST_F(ZkSessionLeaseTest, LapsesWhenZooKeeperStopsAnsweringAndReturnsWhenItAnswers) {
  start();
  zk_.fail_next(zk_errc::connection_loss, 1000);
  advance(5800ms);
  EXPECT_TRUE(lease_.held()) << "the last answered probe still covers this";
  advance(100ms);
  EXPECT_FALSE(lease_.held());
  zk_.fail_next(zk_errc::ok, 0);
  advance(2100ms);
  EXPECT_TRUE(lease_.held());
}

TEST_F(ZkSessionLeaseTest, AnExpiryEndsItUntilResumeEvenWhileNewProbesAreAnswered) {
  start();
  zk_.expire_session();
  kb::test::drain(io_);
  EXPECT_FALSE(lease_.held());
  ASSERT_TRUE(run(io_, zk_.reconnect()));
  advance(10s);
  EXPECT_FALSE(lease_.held()) << "the broker has not re-read what changed while it was away";
  lease_.resume();
  kb::test::drain(io_);
  EXPECT_TRUE(lease_.held());
}

TEST_F(ZkSessionLeaseTest, AProbeThatNeverCompletesDoesNotStopLaterOnes) {
  // A request on a handle closed under it may never complete; later probes must still go out.
  kb::test::yielding_zk_client zk(io_.get_executor(), zk_);
  zk_session_lease lease(zk, clock_, io_.get_executor());
  ASSERT_TRUE(run(io_, lease.start()));
  kb::async_event never(io_.get_executor());
  bool hang_next = true;
  zk.before_exists = [&](const std::string&) -> awaitable<void> {
    if (std::exchange(hang_next, false)) co_await never.wait();
  };
  for (auto done = 0ms; done < 30s; done += 100ms) {
    clock_.advance(100ms);
    kb::test::drain(io_);
  }
  EXPECT_FALSE(hang_next) << "the first probe after start() was held";
  EXPECT_TRUE(lease.held());
  lease.stop();
}

TEST_F(ZkSessionLeaseTest, ResumeIsIgnoredUntilTheNewSessionIsConnected) {
  start();
  zk_.expire_session();
  kb::test::drain(io_);
  lease_.resume();  // still expired: no new session yet
  ASSERT_TRUE(run(io_, zk_.reconnect()));
  advance(10s);
  EXPECT_FALSE(lease_.held());
}

TEST_F(ZkSessionLeaseTest, AProbeAnsweredAfterStopDoesNotRenew) {
  kb::test::yielding_zk_client zk(io_.get_executor(), zk_);
  zk_session_lease lease(zk, clock_, io_.get_executor());
  ASSERT_TRUE(run(io_, lease.start()));
  clock_.advance(2s);  // the tick sends a probe; the yielding client holds it until drained
  lease.stop();
  kb::test::drain(io_);
  EXPECT_FALSE(lease.held());
}

TEST_F(ZkSessionLeaseTest, StopEndsTheProbing) {
  start();
  lease_.stop();
  EXPECT_EQ(clock_.pending_alarms(), 0u);
  advance(7s);
  EXPECT_FALSE(lease_.held());
}

}  // namespace
}  // namespace kb::zkmeta
