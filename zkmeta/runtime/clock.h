#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace kb {

// A call scheduled on a clock. Destroying or cancelling it means the call will not happen
// (no effect once it has).
class alarm {
 public:
  virtual ~alarm() = default;
  virtual void cancel() = 0;
};

// The one source of time for code that must be testable (Kafka's `Time`): steady time for
// deadlines and timeouts, wall time for timestamps, and alarms that fire on the same clock.
// Production code takes a `clock&` (system_clock_source); tests pass a manual clock whose
// time moves only when the test says, so timeouts are exact and take no real time.
// Single-threaded: every method and every alarm runs on the owner's executor.
class clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  using duration = std::chrono::steady_clock::duration;

  virtual ~clock() = default;

  virtual time_point now() const = 0;
  // Milliseconds since the Unix epoch: record timestamps, retention, replica lag.
  virtual int64_t wall_ms() const = 0;
  // Calls `fire` once at `deadline` (soon, if it has passed), never from inside schedule()
  // itself, unless the returned alarm is cancelled or destroyed first.
  [[nodiscard]] virtual std::unique_ptr<alarm> schedule(time_point deadline, std::function<void()> fire) = 0;
};

}  // namespace kb
