#pragma once

// io_runner: drive an io_context from a test thread, with a deadline instead of sleeps.
//
//   boost::asio::io_context io;
//   auto r = kb::test::run(io, zk.get("/a"));            // runs until the awaitable completes
//   ASSERT_TRUE(kb::test::run_until(io, [&] { return fired; }));  // runs until a condition holds
//
// Both hold a work guard while running, so handlers posted from other threads (the ZooKeeper
// client's) are waited for rather than spun on. Deadlines scale with $KB_TEST_TIMEOUT_MULTIPLIER.
// On a deadline run() throws std::runtime_error; run_until() returns false.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace kb::test {

inline std::chrono::milliseconds scaled(std::chrono::milliseconds timeout) {
  const char* env = std::getenv("KB_TEST_TIMEOUT_MULTIPLIER");
  const double factor = env != nullptr ? std::atof(env) : 1.0;
  return factor > 0 ? std::chrono::milliseconds(static_cast<int64_t>(timeout.count() * factor)) : timeout;
}

// Runs io until pred() holds or `timeout` passes; returns pred().
inline bool run_until(boost::asio::io_context& io, const std::function<bool()>& pred,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + scaled(timeout);
  auto guard = boost::asio::make_work_guard(io);
  if (io.stopped()) io.restart();
  while (!pred()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    // Wakes for any handler; re-checks pred() at least every 50 ms.
    io.run_one_for(std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(50)));
  }
  return true;
}

// Runs handlers that are ready now (e.g. posted watch callbacks), without waiting.
inline void drain(boost::asio::io_context& io) {
  if (io.stopped()) io.restart();
  io.poll();
}

// Spawns `aw` on io and runs io until it completes; returns its value, rethrows its exception.
template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> aw,
      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  // Shared with the coroutine, which may outlive this call after a timeout.
  struct state {
    std::conditional_t<std::is_void_v<T>, bool, std::optional<T>> value{};
    std::exception_ptr error;
    bool done = false;
  };
  auto st = std::make_shared<state>();
  boost::asio::co_spawn(
      io,
      [st, aw = std::move(aw)]() mutable -> boost::asio::awaitable<void> {
        if constexpr (std::is_void_v<T>) {
          co_await std::move(aw);
          st->value = true;
        } else {
          st->value.emplace(co_await std::move(aw));
        }
      },
      [st](std::exception_ptr e) {
        st->error = e;
        st->done = true;
      });
  if (!run_until(io, [&] { return st->done; }, timeout)) {
    throw std::runtime_error("io_runner: awaitable did not complete within " +
                             std::to_string(scaled(timeout).count()) + " ms");
  }
  if (st->error) std::rethrow_exception(st->error);
  if constexpr (!std::is_void_v<T>) return std::move(*st->value);
}

}  // namespace kb::test
