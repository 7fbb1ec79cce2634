#pragma once

#include <boost/asio/any_io_executor.hpp>

#include "zkmeta/runtime/clock.h"

namespace kb {

// The real clock: std::chrono's steady and system clocks, alarms as asio timers on `ex`.
class system_clock_source final : public clock {
 public:
  explicit system_clock_source(boost::asio::any_io_executor ex) : ex_(std::move(ex)) {}

  time_point now() const override { return std::chrono::steady_clock::now(); }
  int64_t wall_ms() const override;
  std::unique_ptr<alarm> schedule(time_point deadline, std::function<void()> fire) override;

 private:
  boost::asio::any_io_executor ex_;
};

}  // namespace kb
