// delayed_operations: operations parked by key, completed by a notify of their own keys or
// expired at their deadline, on a manual clock (no real time passes).
#include "zkmeta/runtime/delayed_operations.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <string>

#include "tests/support/io_runner.h"
#include "tests/support/manual_clock.h"

namespace kb {
namespace {

using namespace std::chrono_literals;

// Completes once `ready` is set; counts how it was called.
struct counting_op : delayed_operation {
  bool ready = false;
  int checks = 0;
  int completions = 0;
  int expirations = 0;
  std::function<void()> while_checking;  // runs inside try_complete()

  bool try_complete() override {
    ++checks;
    if (while_checking) while_checking();
    if (!ready) return false;
    ++completions;
    return true;
  }
  void on_expiration() override { ++expirations; }
};

class DelayedOperationsTest : public ::testing::Test {
 protected:
  test::manual_clock clock_;
  delayed_operations<std::string> ops_{clock_};
};

TEST_F(DelayedOperationsTest, AnOperationThatCanFinishAtOnceIsNeverParked) {
  auto op = std::make_shared<counting_op>();
  op->ready = true;
  EXPECT_TRUE(ops_.watch(op, {"a"}, clock_.now() + 1s));
  EXPECT_EQ(op->completions, 1);
  EXPECT_TRUE(ops_.empty());
  EXPECT_EQ(clock_.pending_alarms(), 0u);
}

TEST_F(DelayedOperationsTest, ANotifyOfItsKeyCompletesIt) {
  auto op = std::make_shared<counting_op>();
  EXPECT_FALSE(ops_.watch(op, {"a"}, clock_.now() + 1s));
  EXPECT_EQ(ops_.watching("a"), 1u);
  op->ready = true;
  EXPECT_EQ(ops_.notify("a"), 1u);
  EXPECT_EQ(op->completions, 1);
  EXPECT_EQ(ops_.watching("a"), 0u);
  EXPECT_EQ(clock_.pending_alarms(), 0u) << "completing cancels the deadline";
}

TEST_F(DelayedOperationsTest, ANotifyOfAnotherKeyDoesNotEvenCheckIt) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a"}, clock_.now() + 1s);
  op->ready = true;
  EXPECT_EQ(ops_.notify("b"), 0u);
  EXPECT_EQ(op->checks, 1) << "only the check inside watch()";
  EXPECT_EQ(ops_.watching("a"), 1u);
}

TEST_F(DelayedOperationsTest, ANotifyThatFindsItNotReadyLeavesItParked) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a"}, clock_.now() + 1s);
  EXPECT_EQ(ops_.notify("a"), 0u);
  EXPECT_EQ(op->checks, 2);
  EXPECT_EQ(ops_.watching("a"), 1u);
}

TEST_F(DelayedOperationsTest, ItExpiresExactlyAtItsDeadline) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a"}, clock_.now() + 1000ms);
  clock_.advance(999ms);
  EXPECT_EQ(op->expirations, 0);
  clock_.advance(1ms);
  EXPECT_EQ(op->expirations, 1);
  EXPECT_EQ(op->completions, 0);
  EXPECT_TRUE(ops_.empty()) << "an expired operation watches no key";
}

TEST_F(DelayedOperationsTest, ACompletedOperationNeverExpires) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a"}, clock_.now() + 1s);
  op->ready = true;
  ops_.notify("a");
  clock_.advance(5s);
  EXPECT_EQ(op->expirations, 0);
}

TEST_F(DelayedOperationsTest, AnExpiredOperationIsNotCompletedByALaterNotify) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a"}, clock_.now() + 1s);
  clock_.advance(1s);
  op->ready = true;
  EXPECT_EQ(ops_.notify("a"), 0u);
  EXPECT_EQ(op->completions, 0);
  EXPECT_EQ(op->expirations, 1);
}

TEST_F(DelayedOperationsTest, ADeadlineAlreadyPassedExpiresOnTheClockNotInsideWatch) {
  auto op = std::make_shared<counting_op>();
  EXPECT_FALSE(ops_.watch(op, {"a"}, clock_.now()));
  EXPECT_EQ(op->expirations, 0) << "the caller of watch() is not re-entered";
  clock_.advance(std::chrono::milliseconds(0));
  EXPECT_EQ(op->expirations, 1);
  EXPECT_TRUE(ops_.empty());
}

TEST_F(DelayedOperationsTest, AKeyNamedTwiceIsWatchedOnce) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a", "a", "a"}, clock_.now() + 1s);
  EXPECT_EQ(ops_.watching("a"), 1u);
  ops_.notify("a");
  EXPECT_EQ(op->checks, 2) << "once in watch(), once in the notify";
}

TEST_F(DelayedOperationsTest, AnOperationOnSeveralKeysEndsOnceAndLeavesEveryKey) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a", "b", "c"}, clock_.now() + 1s);
  EXPECT_EQ(ops_.watching("b"), 1u);
  op->ready = true;
  EXPECT_EQ(ops_.notify("b"), 1u);
  EXPECT_EQ(ops_.notify("a"), 0u);
  EXPECT_EQ(ops_.notify("c"), 0u);
  EXPECT_EQ(op->completions, 1);
  EXPECT_TRUE(ops_.empty());
}

TEST_F(DelayedOperationsTest, EachOperationOnAKeyIsCheckedAndOnlyTheReadyOnesLeave) {
  auto ready = std::make_shared<counting_op>();
  auto waiting = std::make_shared<counting_op>();
  ops_.watch(ready, {"a"}, clock_.now() + 1s);
  ops_.watch(waiting, {"a"}, clock_.now() + 1s);
  ready->ready = true;
  EXPECT_EQ(ops_.notify("a"), 1u);
  EXPECT_EQ(waiting->checks, 2);
  EXPECT_EQ(ops_.watching("a"), 1u);
}

TEST_F(DelayedOperationsTest, ANotifyFromInsideTryCompleteDoesNotReenterTheSameOperation) {
  auto op = std::make_shared<counting_op>();
  ops_.watch(op, {"a"}, clock_.now() + 1s);
  op->while_checking = [&] {
    op->while_checking = nullptr;
    op->ready = true;
    ops_.notify("a");  // must skip `op`, which is being checked
  };
  EXPECT_EQ(ops_.notify("a"), 1u);
  EXPECT_EQ(op->completions, 1);
  EXPECT_EQ(op->checks, 2) << "once in watch(), once in the outer notify";
}

TEST_F(DelayedOperationsTest, CompletingOneMayParkAnotherOnTheSameKey) {
  auto first = std::make_shared<counting_op>();
  auto second = std::make_shared<counting_op>();
  ops_.watch(first, {"a"}, clock_.now() + 1s);
  first->ready = true;
  first->while_checking = [&] { ops_.watch(second, {"a"}, clock_.now() + 1s); };
  EXPECT_EQ(ops_.notify("a"), 1u);
  EXPECT_EQ(second->checks, 1) << "parked during the notify, not re-checked by it";
  EXPECT_EQ(ops_.watching("a"), 1u);
}

TEST_F(DelayedOperationsTest, OperationsExpireInDeadlineOrder) {
  std::vector<int> order;
  struct ordered_op : delayed_operation {
    std::vector<int>& order;
    int id;
    ordered_op(std::vector<int>& o, int i) : order(o), id(i) {}
    bool try_complete() override { return false; }
    void on_expiration() override { order.push_back(id); }
  };
  ops_.watch(std::make_shared<ordered_op>(order, 2), {"a"}, clock_.now() + 200ms);
  ops_.watch(std::make_shared<ordered_op>(order, 1), {"b"}, clock_.now() + 100ms);
  ops_.watch(std::make_shared<ordered_op>(order, 3), {"a"}, clock_.now() + 300ms);
  clock_.advance(1s);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST_F(DelayedOperationsTest, DestroyingThePurgatoryCancelsItsDeadlines) {
  auto op = std::make_shared<counting_op>();
  {
    delayed_operations<std::string> local(clock_);
    local.watch(op, {"a"}, clock_.now() + 1s);
    EXPECT_EQ(clock_.pending_alarms(), 1u);
  }
  EXPECT_EQ(clock_.pending_alarms(), 0u);
  clock_.advance(2s);
  EXPECT_EQ(op->expirations, 0);
}

class DelayedOperationsWaitTest : public DelayedOperationsTest {
 protected:
  // Starts wait() on io_; `result` is set once it returns.
  void start_wait(std::vector<std::string> keys, std::chrono::milliseconds timeout) {
    boost::asio::co_spawn(
        io_,
        [this, keys, timeout]() -> boost::asio::awaitable<void> {
          result_ = co_await ops_.wait(keys, clock_.now() + timeout, [this] { return ready_; });
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    test::drain(io_);
  }

  boost::asio::io_context io_;
  bool ready_ = false;
  std::optional<bool> result_;
};

TEST_F(DelayedOperationsWaitTest, ReturnsTrueAtOnceWhenAlreadyDone) {
  ready_ = true;
  start_wait({"a"}, 1s);
  EXPECT_EQ(result_, true);
  EXPECT_TRUE(ops_.empty());
}

TEST_F(DelayedOperationsWaitTest, ResumesWhenANotifyFindsItDone) {
  start_wait({"a"}, 1s);
  EXPECT_FALSE(result_.has_value());
  ready_ = true;
  ops_.notify("a");
  test::drain(io_);
  EXPECT_EQ(result_, true);
}

TEST_F(DelayedOperationsWaitTest, ReturnsFalseAtTheDeadline) {
  start_wait({"a"}, 500ms);
  clock_.advance(499ms);
  test::drain(io_);
  EXPECT_FALSE(result_.has_value());
  clock_.advance(1ms);
  test::drain(io_);
  EXPECT_EQ(result_, false);
}

TEST_F(DelayedOperationsWaitTest, AZeroTimeoutChecksOnceAndReturnsAtTheNextTick) {
  start_wait({"a"}, 0ms);
  EXPECT_FALSE(result_.has_value());
  clock_.advance(0ms);
  test::drain(io_);
  EXPECT_EQ(result_, false);
  EXPECT_TRUE(ops_.empty());
}

TEST_F(DelayedOperationsWaitTest, ACheckThatThrowsFailsTheWaiterNotTheNotifier) {
  std::exception_ptr failure;
  bool throw_now = false;
  boost::asio::co_spawn(
      io_,
      [&]() -> boost::asio::awaitable<void> {
        std::vector<std::string> keys{"a"};
        std::function<bool()> check = [&throw_now] {
          if (throw_now) throw std::runtime_error("read failed");
          return false;
        };
        co_await ops_.wait(keys, clock_.now() + 1s, check);
      },
      [&](std::exception_ptr e) { failure = e; });
  test::drain(io_);
  throw_now = true;
  EXPECT_NO_THROW(ops_.notify("a"));
  test::drain(io_);
  ASSERT_TRUE(failure);
  EXPECT_THROW(std::rethrow_exception(failure), std::runtime_error);
  EXPECT_TRUE(ops_.empty());
}

TEST_F(DelayedOperationsWaitTest, ACoroutineDestroyedWhileParkedIsNeverCheckedAgain) {
  int checks = 0;
  {
    boost::asio::io_context io;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          std::vector<std::string> keys{"a"};  // built outside the co_await (GCC 12)
          std::function<bool()> never = [&checks] {
            ++checks;
            return false;
          };
          co_await ops_.wait(keys, clock_.now() + 1s, never);
        },
        [](std::exception_ptr) {});
    test::drain(io);
    EXPECT_EQ(checks, 1);
  }  // the io_context goes, destroying the suspended coroutine
  ops_.notify("a");
  clock_.advance(2s);
  EXPECT_EQ(checks, 1);
  EXPECT_TRUE(ops_.empty());
}

}  // namespace
}  // namespace kb
