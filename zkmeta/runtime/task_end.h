#pragma once

// log_task_end: the completion handler for a co_spawned task nobody awaits, so that none ends
// unseen. An exception is logged at ERROR with the task's name; a normal end at VLOG(1).
//
//   asio::co_spawn(ex, run_timer(), kb::log_task_end("leader rebalance timer"));

#include <glog/logging.h>

#include <exception>
#include <string>
#include <utility>

namespace kb {

inline auto log_task_end(std::string what) {
  return [what = std::move(what)](std::exception_ptr e) {
    if (!e) {
      VLOG(1) << what << " ended";
      return;
    }
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LOG(ERROR) << what << " failed: " << ex.what();
    } catch (...) {
      LOG(ERROR) << what << " failed with a non-standard exception";
    }
  };
}

}  // namespace kb
