// system_clock_source: alarms are asio timers; a cancelled or destroyed alarm never fires.
#include "zkmeta/runtime/system_clock.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "tests/support/io_runner.h"

namespace kb {
namespace {

using namespace std::chrono_literals;

TEST(SystemClockTest, AnAlarmDueNowFiresOnTheExecutorNotInsideSchedule) {
  boost::asio::io_context io;
  system_clock_source c(io.get_executor());
  bool fired = false;
  auto a = c.schedule(c.now(), [&] { fired = true; });
  EXPECT_FALSE(fired);
  EXPECT_TRUE(test::run_until(io, [&] { return fired; }));
}

TEST(SystemClockTest, ACancelledAlarmNeverFires) {
  boost::asio::io_context io;
  system_clock_source c(io.get_executor());
  bool fired = false;
  auto a = c.schedule(c.now(), [&] { fired = true; });
  a->cancel();
  test::drain(io);
  EXPECT_FALSE(fired);
}

TEST(SystemClockTest, DestroyingAnAlarmCancelsIt) {
  boost::asio::io_context io;
  system_clock_source c(io.get_executor());
  bool fired = false;
  c.schedule(c.now(), [&] { fired = true; }).reset();
  test::drain(io);
  EXPECT_FALSE(fired);
}

TEST(SystemClockTest, WallTimeIsUnixMilliseconds) {
  boost::asio::io_context io;
  system_clock_source c(io.get_executor());
  EXPECT_GT(c.wall_ms(), 1'600'000'000'000);  // after 2020
}

}  // namespace
}  // namespace kb
