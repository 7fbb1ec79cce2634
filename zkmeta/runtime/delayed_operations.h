#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "zkmeta/runtime/clock.h"

namespace kb {

// Something parked until it can finish (Kafka's DelayedOperation): a request waiting for
// its followers or for data, a group waiting for its members, a member's session.
class delayed_operation {
 public:
  virtual ~delayed_operation() = default;
  // Finishes the operation if it can (answers its request, applies its effect) and returns
  // true; false leaves it parked.
  virtual bool try_complete() = 0;
  // Its deadline passed while it was parked.
  virtual void on_expiration() = 0;
};

// Parked operations, keyed by what they wait on (Kafka's DelayedOperationPurgatory): an
// operation is re-checked only when one of its own keys is notified (a partition's high
// watermark moved, a group's member rejoined), never by a change elsewhere.
//
// Invariants: an operation ends exactly once, either by try_complete() returning true or
// by on_expiration(); once ended it is called no more and watches no key. try_complete()
// is never re-entered for the same operation (a notify() from inside it skips it).
// Single-threaded: every call, and every alarm of the clock, runs on one executor.
template <class Key>
class delayed_operations {
 public:
  explicit delayed_operations(clock& c) : clock_(c) {}
  delayed_operations(const delayed_operations&) = delete;
  delayed_operations& operator=(const delayed_operations&) = delete;

  // Finishes `op` now if it can and returns true. Otherwise parks it until a notify() of
  // one of `keys` finds it complete, or until `deadline`, when on_expiration() runs from the
  // clock's alarm (never inside watch(), even when the deadline has already passed, so a
  // caller is never re-entered by its own operation); returns false.
  bool watch(std::shared_ptr<delayed_operation> op, const std::vector<Key>& keys, clock::time_point deadline) {
    auto e = std::make_shared<entry>();
    e->op = std::move(op);
    e->checking = true;
    const bool completed = e->op->try_complete();
    e->checking = false;
    if (completed) return true;
    e->keys = keys;
    // Each key once: a request naming a partition twice must not be checked twice per notify.
    std::sort(e->keys.begin(), e->keys.end());
    e->keys.erase(std::unique(e->keys.begin(), e->keys.end()), e->keys.end());
    for (const Key& k : e->keys) watchers_[k].push_back(e);
    std::weak_ptr<entry> weak = e;
    e->timeout = clock_.schedule(deadline, [this, weak] {
      std::shared_ptr<entry> expired = weak.lock();
      if (!expired || expired->done) return;
      end(expired);
      expired->op->on_expiration();
    });
    return false;
  }

  // Re-checks the operations watching `key`; those that complete stop watching. Returns
  // how many completed.
  size_t notify(const Key& key) {
    auto it = watchers_.find(key);
    if (it == watchers_.end()) return 0;
    // A copy: completing one may park or end others on this key.
    std::vector<std::shared_ptr<entry>> parked = it->second;
    size_t completed = 0;
    for (auto& e : parked) {
      if (e->done || e->checking) continue;
      e->checking = true;
      const bool ok = e->op->try_complete();
      e->checking = false;
      if (ok && !e->done) {
        end(e);
        ++completed;
      }
    }
    return completed;
  }

  // Suspends the calling coroutine until `done()` holds (checked now, then at each notify()
  // of one of `keys`) or until `deadline`. Returns done()'s last answer: false on expiry.
  // An exception from done() is rethrown here, never into the notifier.
  boost::asio::awaitable<bool> wait(std::vector<Key> keys, clock::time_point deadline, std::function<bool()> done) {
    auto ex = co_await boost::asio::this_coro::executor;
    auto parked = std::make_shared<parked_coroutine>(ex, std::move(done));
    // If this coroutine is destroyed while parked (its executor shutting down), `done` may
    // refer into its frame: the operation must never be called again.
    struct abandon_on_exit {
      std::shared_ptr<parked_coroutine> p;
      ~abandon_on_exit() { p->abandoned = true; }
    } guard{parked};
    if (watch(parked, keys, deadline)) co_return true;
    if (!parked->ended) {
      boost::system::error_code ec;
      co_await parked->wake.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    }
    if (parked->failure) std::rethrow_exception(parked->failure);
    co_return parked->completed;
  }

  // Operations parked on `key` (for tests and metrics).
  size_t watching(const Key& key) const {
    auto it = watchers_.find(key);
    return it == watchers_.end() ? 0 : it->second.size();
  }
  bool empty() const { return watchers_.empty(); }

 private:
  struct entry {
    std::shared_ptr<delayed_operation> op;
    std::vector<Key> keys;
    std::unique_ptr<alarm> timeout;
    bool checking = false;
    bool done = false;
  };

  // A coroutine suspended in wait(): a timer that never expires, cancelled to wake it.
  struct parked_coroutine final : delayed_operation {
    parked_coroutine(const boost::asio::any_io_executor& ex, std::function<bool()> d) : wake(ex), done(std::move(d)) {
      wake.expires_at(boost::asio::steady_timer::time_point::max());
    }
    bool try_complete() override {
      if (abandoned) return true;  // drop it
      try {
        if (!done()) return false;
        completed = true;
      } catch (...) {
        // Thrown to the waiting coroutine, not to whoever called notify().
        failure = std::current_exception();
      }
      ended = true;
      wake.cancel();
      return true;
    }
    void on_expiration() override {
      if (abandoned) return;
      ended = true;
      wake.cancel();
    }
    boost::asio::steady_timer wake;
    std::function<bool()> done;
    bool completed = false;
    bool ended = false;
    bool abandoned = false;
    std::exception_ptr failure;
  };

  void end(const std::shared_ptr<entry>& e) {
    e->done = true;
    e->timeout.reset();
    for (const Key& k : e->keys) {
      auto it = watchers_.find(k);
      if (it == watchers_.end()) continue;
      std::erase(it->second, e);
      if (it->second.empty()) watchers_.erase(it);
    }
  }

  clock& clock_;
  std::map<Key, std::vector<std::shared_ptr<entry>>> watchers_;
};

}  // namespace kb
