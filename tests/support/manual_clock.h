#pragma once

// manual_clock: a kb::clock whose time moves only when the test calls advance(). Alarms
// fire inside advance(), in deadline order, each seeing now() equal to its own deadline;
// an alarm scheduled for a time already reached fires at the next advance() (advance(0ms)
// included). No real time passes, so timeouts are exact and instant.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <utility>

#include "zkmeta/runtime/clock.h"

namespace kb::test {

class manual_clock final : public kb::clock {
 public:
  explicit manual_clock(int64_t wall_start_ms = 1'700'000'000'000) : wall_start_ms_(wall_start_ms) {}

  time_point now() const override { return now_; }
  int64_t wall_ms() const override {
    return wall_start_ms_ + std::chrono::duration_cast<std::chrono::milliseconds>(now_ - time_point{}).count();
  }

  std::unique_ptr<kb::alarm> schedule(time_point deadline, std::function<void()> fire) override {
    auto call = std::make_shared<std::function<void()>>(std::move(fire));
    pending_.emplace(deadline, call);
    return std::make_unique<handle>(call);
  }

  // Moves time forward by `d`, firing every alarm due on the way.
  void advance(duration d) {
    const time_point target = now_ + d;
    for (;;) {
      auto it = pending_.begin();
      if (it == pending_.end() || it->first > target) break;
      now_ = std::max(now_, it->first);
      std::shared_ptr<std::function<void()>> call = it->second;
      pending_.erase(it);
      if (auto f = std::exchange(*call, nullptr)) f();
    }
    now_ = target;
  }

  // Moves time to the earliest pending alarm and fires every alarm due then. Returns false,
  // leaving time alone, when no alarm is pending.
  bool advance_to_next_alarm() {
    for (auto it = pending_.begin(); it != pending_.end(); it = pending_.erase(it)) {
      if (*it->second) {
        advance(std::max(it->first, now_) - now_);
        return true;
      }
    }
    return false;
  }

  // Alarms not yet fired and not cancelled.
  size_t pending_alarms() const {
    size_t n = 0;
    for (const auto& [_, call] : pending_) n += *call ? 1 : 0;
    return n;
  }

 private:
  class handle final : public kb::alarm {
   public:
    explicit handle(std::shared_ptr<std::function<void()>> call) : call_(std::move(call)) {}
    ~handle() override { cancel(); }
    void cancel() override { *call_ = nullptr; }

   private:
    std::shared_ptr<std::function<void()>> call_;
  };

  int64_t wall_start_ms_;
  time_point now_{};
  std::multimap<time_point, std::shared_ptr<std::function<void()>>> pending_;
};

}  // namespace kb::test
