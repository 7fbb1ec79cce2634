// one_shot and await_answer: a parked request is answered exactly once, by its answerer or,
// if every copy of its answer callback is dropped uncalled, by its fallback.
#include "zkmeta/runtime/one_shot.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <string>

#include "tests/support/io_runner.h"

namespace kb {
namespace {

class AwaitAnswerTest : public ::testing::Test {
 protected:
  // Starts await_answer on io_ with `start`; `result_` is set when it returns.
  void begin(std::function<void(std::function<void(std::string)>)> start) {
    boost::asio::co_spawn(
        io_,
        [this, start]() -> boost::asio::awaitable<void> {
          result_ = co_await await_answer<std::string>(start, std::string("fallback"));
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    test::drain(io_);
  }

  boost::asio::io_context io_;
  std::optional<std::string> result_;
  std::function<void(std::string)> kept_;
};

TEST_F(AwaitAnswerTest, AnAnswerGivenAtOnceIsTheResult) {
  begin([](std::function<void(std::string)> answer) { answer("now"); });
  EXPECT_EQ(result_, "now");
}

TEST_F(AwaitAnswerTest, AnAnswerGivenLaterResumesTheCoroutine) {
  begin([this](std::function<void(std::string)> answer) { kept_ = std::move(answer); });
  EXPECT_FALSE(result_.has_value());
  kept_("later");
  test::drain(io_);
  EXPECT_EQ(result_, "later");
}

TEST_F(AwaitAnswerTest, DroppingEveryCopyUncalledAnswersWithTheFallback) {
  begin([this](std::function<void(std::string)> answer) {
    kept_ = answer;  // two copies
  });
  EXPECT_FALSE(result_.has_value()) << "a copy is still held";
  kept_ = nullptr;
  test::drain(io_);
  EXPECT_EQ(result_, "fallback");
}

TEST_F(AwaitAnswerTest, OnlyTheFirstAnswerCounts) {
  begin([this](std::function<void(std::string)> answer) { kept_ = std::move(answer); });
  kept_("first");
  kept_("second");
  kept_ = nullptr;
  test::drain(io_);
  EXPECT_EQ(result_, "first");
}

}  // namespace
}  // namespace kb
