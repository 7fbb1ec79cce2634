#include "zkmeta/runtime/system_clock.h"

#include <boost/asio/steady_timer.hpp>

namespace kb {
namespace {

// Shared by the alarm handle and the timer's handler, which may run after the handle is gone.
struct timer_state {
  explicit timer_state(const boost::asio::any_io_executor& ex) : timer(ex) {}
  boost::asio::steady_timer timer;
  std::function<void()> fire;  // empty once fired or cancelled
};

class timer_alarm final : public alarm {
 public:
  explicit timer_alarm(std::shared_ptr<timer_state> s) : state_(std::move(s)) {}
  ~timer_alarm() override { cancel(); }
  void cancel() override {
    state_->fire = nullptr;
    state_->timer.cancel();
  }

 private:
  std::shared_ptr<timer_state> state_;
};

}  // namespace

int64_t system_clock_source::wall_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::unique_ptr<alarm> system_clock_source::schedule(time_point deadline, std::function<void()> fire) {
  auto state = std::make_shared<timer_state>(ex_);
  state->fire = std::move(fire);
  state->timer.expires_at(deadline);
  state->timer.async_wait([state](boost::system::error_code) {
    // Whether or not the wait was cancelled, an empty `fire` means the alarm was.
    if (auto f = std::exchange(state->fire, nullptr)) f();
  });
  return std::make_unique<timer_alarm>(std::move(state));
}

}  // namespace kb
