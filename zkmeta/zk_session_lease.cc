#include "zkmeta/zk_session_lease.h"

#include <boost/asio/co_spawn.hpp>
#include <glog/logging.h>

#include <exception>

namespace kb::zkmeta {
namespace asio = boost::asio;
using time_point = kb::clock::time_point;

struct zk_session_lease::state : std::enable_shared_from_this<state> {
  zk_client& zk;
  kb::clock& clock;
  asio::any_io_executor executor;
  bool running = false;
  bool awaiting_resume = false;  // the session expired; only resume() lets probes renew
  time_point valid_until{};      // the epoch of the steady clock: not held
  int in_flight = 0;             // probes sent and not yet completed
  time_point last_sent{};
  bool reported_held = false;    // what the last tick saw, to log a lapse once
  std::unique_ptr<kb::alarm> next_tick;
  session_listener_id listener = 0;

  state(zk_client& z, kb::clock& c, asio::any_io_executor ex) : zk(z), clock(c), executor(std::move(ex)) {}

  kb::clock::duration interval() const { return zk.session_timeout() / 3; }

  // The lease's length: the session timeout, less a margin for the two clocks' rates.
  kb::clock::duration length() const { return zk.session_timeout() * 49 / 50; }

  // One exists("/"); an answer renews the lease from the moment the probe was sent.
  asio::awaitable<result<void>> probe_once() {
    const time_point sent = clock.now();
    const kb::clock::duration length_at_send = length();
    auto answered = co_await zk.exists("/");
    if (!answered) co_return answered.error();
    if (!running || awaiting_resume) co_return outcome::success();
    const time_point renewed_until = sent + std::min(length_at_send, length());
    if (renewed_until > valid_until) {
      if (valid_until <= clock.now()) LOG(INFO) << "ZooKeeper session lease held again";
      valid_until = renewed_until;
    }
    co_return outcome::success();
  }

  asio::awaitable<void> probe_and_log() {
    if (auto r = co_await probe_once(); !r) {
      VLOG(1) << "ZooKeeper session lease probe not answered: " << r.error().message();
    }
  }

  // Sends a probe unless one sent less than an interval ago is still out. A probe whose
  // request never completes (its handle was closed under it) does not stop later ones.
  void spawn_probe() {
    if (!running) return;
    if (in_flight > 0 && clock.now() - last_sent < interval()) return;
    last_sent = clock.now();
    ++in_flight;
    asio::co_spawn(executor, probe_and_log(), [self = shared_from_this()](std::exception_ptr e) {
      --self->in_flight;
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        LOG(ERROR) << "ZooKeeper session lease probe failed: " << ex.what();
      }
    });
  }

  // Every interval, whatever became of earlier probes.
  void schedule_tick() {
    if (!running) return;
    next_tick = clock.schedule(clock.now() + interval(), [weak = weak_from_this()] {
      if (auto self = weak.lock()) {
        self->report_lapse();
        self->spawn_probe();
        self->schedule_tick();
      }
    });
  }

  // Logs, once, a lease that ran out for want of answers (an expiry logs itself).
  void report_lapse() {
    const bool held = clock.now() < valid_until;
    if (reported_held && !held && !awaiting_resume) {
      LOG(WARNING) << "ZooKeeper answered no probe for a session timeout: lease lapsed, not leading until it answers";
    }
    reported_held = held;
  }

  void on_session_state(session_state s) {
    if (s == session_state::expired || s == session_state::closed) {
      if (valid_until > clock.now()) LOG(WARNING) << "ZooKeeper session " << to_string(s) << ": lease ended";
      valid_until = time_point{};
      awaiting_resume = true;
    } else if (s == session_state::connected) {
      spawn_probe();  // a new connection (or session): renew without waiting for the next tick
    }
  }
};

zk_session_lease::zk_session_lease(zk_client& zk, kb::clock& clock, asio::any_io_executor executor)
    : state_(std::make_shared<state>(zk, clock, std::move(executor))) {}

zk_session_lease::~zk_session_lease() { stop(); }

asio::awaitable<result<void>> zk_session_lease::start() {
  state_->running = true;
  state_->listener = state_->zk.add_session_listener([weak = std::weak_ptr<state>(state_)](session_state s) {
    if (auto self = weak.lock()) self->on_session_state(s);
  });
  state_->last_sent = state_->clock.now();
  ++state_->in_flight;
  auto first = co_await state_->probe_once();
  --state_->in_flight;
  state_->schedule_tick();
  co_return first;
}

void zk_session_lease::stop() {
  if (!state_->running) return;
  state_->running = false;
  state_->valid_until = time_point{};
  state_->next_tick.reset();
  state_->zk.remove_session_listener(state_->listener);
}

void zk_session_lease::resume() {
  if (!state_->awaiting_resume || state_->zk.state() != session_state::connected) return;
  state_->awaiting_resume = false;
  state_->last_sent = time_point{};  // probe now, even if one is out
  state_->spawn_probe();
}

bool zk_session_lease::held() const { return state_->clock.now() < state_->valid_until; }

kb::clock::time_point zk_session_lease::valid_until() const { return state_->valid_until; }

}  // namespace kb::zkmeta
