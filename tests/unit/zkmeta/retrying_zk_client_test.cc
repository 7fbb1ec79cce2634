// retrying_zk_client over the fake ZooKeeper: requests that meet a connection loss are sent
// again once the session is back, and fail only once the session has ended.
#include "zkmeta/retrying_zk_client.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>

#include "tests/support/io_runner.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/fake_zk_server.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;

class RetryingZkClientTest : public ::testing::Test {
 protected:
  // Starts `aw` and returns its result slot, filled once it completes.
  template <class T>
  std::shared_ptr<std::optional<T>> start(awaitable<T> aw) {
    auto slot = std::make_shared<std::optional<T>>();
    boost::asio::co_spawn(
        io_, [slot, aw = std::move(aw)]() mutable -> awaitable<void> { slot->emplace(co_await std::move(aw)); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    kb::test::drain(io_);
    return slot;
  }

  boost::asio::io_context io_;
  fake_zk_server server_;
  fake_zk_client inner_{io_.get_executor(), server_};
  retrying_zk_client zk_{io_.get_executor(), inner_};
};

TEST_F(RetryingZkClientTest, ARequestThatMeetsAConnectionLossIsSentAgain) {
  inner_.fail_next(zk_errc::connection_loss);
  ASSERT_TRUE(run(io_, zk_.create("/a", std::string("1"))));
  EXPECT_TRUE(server_.contains("/a"));
}

TEST_F(RetryingZkClientTest, AnOperationTimeoutIsRetriedToo) {
  inner_.fail_next(zk_errc::operation_timeout, 2);
  ASSERT_TRUE(run(io_, zk_.create("/a", std::nullopt)));
  auto got = run(io_, zk_.get("/a"));
  EXPECT_TRUE(got);
}

TEST_F(RetryingZkClientTest, ARequestWaitsWhileDisconnectedAndIsAppliedOnceReconnected) {
  inner_.lose_connection();
  auto created = start(zk_.create("/a", std::string("1")));
  kb::test::drain(io_);
  EXPECT_FALSE(created->has_value());
  EXPECT_FALSE(server_.contains("/a"));

  inner_.restore_connection();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return created->has_value(); }));
  EXPECT_TRUE(created->value());
  EXPECT_TRUE(server_.contains("/a"));
}

TEST_F(RetryingZkClientTest, ARequestWaitingForTheConnectionFailsWhenTheSessionExpires) {
  inner_.lose_connection();
  auto created = start(zk_.create("/a", std::nullopt));
  inner_.expire_session();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return created->has_value(); }));
  EXPECT_EQ(created->value().error(), zk_errc::session_expired);
  EXPECT_FALSE(server_.contains("/a"));
}

TEST_F(RetryingZkClientTest, AnAnswerFromTheServerIsReturnedAsItIs) {
  ASSERT_TRUE(run(io_, zk_.create("/a", std::nullopt)));
  EXPECT_EQ(run(io_, zk_.create("/a", std::nullopt)).error(), zk_errc::node_exists);
  EXPECT_EQ(run(io_, zk_.get("/missing")).error(), zk_errc::no_node);
  EXPECT_EQ(run(io_, zk_.set("/a", "x", 7)).error(), zk_errc::bad_version);
}

TEST_F(RetryingZkClientTest, AWatchIsArmedByTheAttemptThatSucceeds) {
  ASSERT_TRUE(run(io_, zk_.create("/a", std::string("1"))));
  int fired = 0;
  inner_.fail_next(zk_errc::connection_loss);
  ASSERT_TRUE(run(io_, zk_.get("/a", [&](const watch_event&) { ++fired; })));
  ASSERT_TRUE(run(io_, zk_.set("/a", "2")));
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return fired > 0; }));
  ASSERT_TRUE(run(io_, zk_.set("/a", "3")));
  kb::test::drain(io_);
  EXPECT_EQ(fired, 1) << "one watch, armed once, fires once";
}

TEST_F(RetryingZkClientTest, ARequestOfAnExpiredSessionIsNotSentInTheNextOne) {
  inner_.lose_connection();
  auto created = start(zk_.create("/a", std::nullopt));
  inner_.expire_session();
  ASSERT_TRUE(run(io_, inner_.reconnect()));  // a new session, connected, before the waiter looks
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return created->has_value(); }));
  EXPECT_EQ(created->value().error(), zk_errc::session_expired);
  EXPECT_FALSE(server_.contains("/a"));
}

TEST_F(RetryingZkClientTest, AMultiIsSentAgainWhole) {
  ASSERT_TRUE(run(io_, zk_.create("/epoch", std::string("0"))));
  inner_.lose_connection();
  auto r = start(zk_.multi_detailed({check_op{"/epoch", 0}, create_op{"/a", std::string("1")}}));
  inner_.restore_connection();
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return r->has_value(); }));
  ASSERT_TRUE(r->value());
  EXPECT_TRUE(r->value().value().applied());
  EXPECT_TRUE(server_.contains("/a"));
}

// The contract in the header: a write applied before its answer was lost answers its retry
// for the first attempt's effect, and the caller reads that as "done already".
TEST_F(RetryingZkClientTest, AWriteAppliedWhoseAnswerWasLostAnswersItsRetryForItsOwnEffect) {
  inner_.lose_next_answers();
  EXPECT_EQ(run(io_, zk_.create("/a", std::string("1"))).error(), zk_errc::node_exists);
  EXPECT_TRUE(server_.contains("/a"));

  inner_.lose_next_answers();
  EXPECT_EQ(run(io_, zk_.set("/a", "2", 0)).error(), zk_errc::bad_version);
  EXPECT_EQ(run(io_, zk_.get("/a")).value().data, "2");

  inner_.lose_next_answers();
  EXPECT_EQ(run(io_, zk_.remove("/a", 1)).error(), zk_errc::no_node);
  EXPECT_FALSE(server_.contains("/a"));
}

TEST_F(RetryingZkClientTest, ARequestAfterCloseFailsAtOnce) {
  inner_.close();
  EXPECT_EQ(run(io_, zk_.get("/")).error(), zk_errc::closing);
}

}  // namespace
}  // namespace kb::zkmeta
