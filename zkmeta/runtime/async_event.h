#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace kb {

// A condition variable for coroutines on one strand, built from a timer that never expires
// (Boost 1.74 has no channel): wait() suspends until notify_all(). Waiters re-check their
// predicate in a loop; there is no lost-wakeup race because everything runs on one thread.
class async_event {
 public:
  explicit async_event(const boost::asio::any_io_executor& ex) : timer_(ex) {
    timer_.expires_at(boost::asio::steady_timer::time_point::max());
  }

  boost::asio::awaitable<void> wait() {
    boost::system::error_code ec;
    co_await timer_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
  }

  // Waits until notified or until `deadline`, whichever comes first.
  boost::asio::awaitable<void> wait_until(boost::asio::steady_timer::time_point deadline) {
    boost::asio::steady_timer guard(timer_.get_executor());
    guard.expires_at(deadline);
    // The guard wakes every waiter; they re-check their predicates.
    guard.async_wait([this](boost::system::error_code ec) {
      if (!ec) timer_.cancel();
    });
    co_await wait();
    guard.cancel();
  }

  void notify_all() { timer_.cancel(); }

 private:
  boost::asio::steady_timer timer_;
};

}  // namespace kb
