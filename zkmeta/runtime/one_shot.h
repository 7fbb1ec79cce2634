#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace kb {

// A value that arrives once, for one coroutine to wait for (a future for coroutines on one
// executor; Boost 1.74 has no channels). The first set() wins; later ones are ignored.
template <class T>
class one_shot {
 public:
  explicit one_shot(const boost::asio::any_io_executor& ex) : wake_(ex) {
    wake_.expires_at(boost::asio::steady_timer::time_point::max());
  }

  void set(T value) {
    if (value_) return;
    value_.emplace(std::move(value));
    wake_.cancel();
  }
  bool is_set() const { return value_.has_value(); }

  // Suspends until set(), then returns the value (once).
  boost::asio::awaitable<T> get() {
    if (!value_) {
      boost::system::error_code ec;
      co_await wake_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    }
    co_return std::move(*value_);
  }

 private:
  boost::asio::steady_timer wake_;
  std::optional<T> value_;
};

// Runs `start(answer)`, which hands `answer` (a copyable std::function<void(T)>) to whoever
// will answer, and suspends until it is called. Every request parked this way is answered
// exactly once: if every copy of `answer` is destroyed uncalled (its holder dropped it),
// `fallback` is the answer.
template <class T, class Start>
boost::asio::awaitable<T> await_answer(Start start, T fallback) {
  auto ex = co_await boost::asio::this_coro::executor;
  auto slot = std::make_shared<one_shot<T>>(ex);
  struct answer_or_fallback {
    answer_or_fallback(std::shared_ptr<one_shot<T>> s, T f) : slot(std::move(s)), fallback(std::move(f)) {}
    answer_or_fallback(const answer_or_fallback&) = delete;  // one instance: its destruction is the signal
    ~answer_or_fallback() { slot->set(std::move(fallback)); }
    std::shared_ptr<one_shot<T>> slot;
    T fallback;
  };
  {
    auto guard = std::make_shared<answer_or_fallback>(slot, std::move(fallback));
    std::function<void(T)> answer = [guard](T value) { guard->slot->set(std::move(value)); };
    guard.reset();
    start(std::move(answer));
  }
  co_return co_await slot->get();
}

}  // namespace kb
