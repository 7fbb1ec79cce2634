#pragma once

// log_task_end: the completion handler for a co_spawned task nobody awaits, so that none ends
// unseen. An exception is logged with the task's name, at ERROR unless the caller expects
// such ends (a client's connection resetting: WARNING); a normal end at VLOG(1).
//
//   asio::co_spawn(ex, run_timer(), kb::log_task_end("leader rebalance timer"));

#include <glog/logging.h>

#include <exception>
#include <string>
#include <utility>

namespace kb {

inline auto log_task_end(std::string what, google::LogSeverity on_failure = google::GLOG_ERROR) {
  return [what = std::move(what), on_failure](std::exception_ptr e) {
    if (!e) {
      VLOG(1) << what << " ended";
      return;
    }
    google::LogMessage failed(__FILE__, __LINE__, on_failure);
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      failed.stream() << what << " failed: " << ex.what();
    } catch (...) {
      failed.stream() << what << " failed with a non-standard exception";
    }
  };
}

}  // namespace kb
