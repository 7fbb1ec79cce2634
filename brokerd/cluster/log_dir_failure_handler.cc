#include "brokerd/cluster/log_dir_failure_handler.h"

#include <boost/asio/co_spawn.hpp>
#include <glog/logging.h>

#include <utility>

#include "zkmeta/runtime/task_end.h"
#include "zkmeta/znodes/log_dir_event_notification_znode.h"

namespace kb::cluster {

log_dir_failure_handler::log_dir_failure_handler(std::vector<std::filesystem::path> dirs, kb::broker_id broker,
                                                 zkmeta::zk_client& zk, boost::asio::any_io_executor ex,
                                                 std::function<void()> halt)
    : dirs_(std::move(dirs)), broker_(broker), zk_(zk), ex_(std::move(ex)), halt_(std::move(halt)) {}

void log_dir_failure_handler::log_dir_failed(const std::filesystem::path& dir, const std::string& reason) {
  if (!failed_.insert(dir).second) return;
  LOG(ERROR) << "Stopped serving replicas in dir " << dir << ": " << reason;
  if (halting_) return;
  for (const auto& d : dirs_) {
    if (!failed_.contains(d)) {
      if (started_) {
        post(dir);
      } else {
        unreported_.push_back(dir);
      }
      return;
    }
  }
  halting_ = true;
  std::string all;
  for (const auto& d : dirs_) all += (all.empty() ? "" : ",") + d.string();
  LOG(ERROR) << "Shutdown broker because all log dirs in " << all << " have failed";
  halt_();
}

void log_dir_failure_handler::start() {
  started_ = true;
  if (halting_) return;
  for (const auto& dir : std::exchange(unreported_, {})) post(dir);
}

void log_dir_failure_handler::post(const std::filesystem::path& dir) {
  boost::asio::co_spawn(ex_, tell_controller(dir), log_task_end("log dir event notification for " + dir.string()));
}

boost::asio::awaitable<void> log_dir_failure_handler::tell_controller(std::filesystem::path dir) {
  namespace seq = zkmeta::log_dir_event_notification_sequence_znode;
  auto posted = co_await zk_.create(seq::path(), seq::encode(broker_()), zkmeta::create_mode::persistent_sequential);
  if (!posted) {
    LOG(ERROR) << "Could not tell the controller that log dir " << dir << " failed: " << posted.error().message()
               << "; its partitions stay offline here until a restart";
    co_return;
  }
  ++posted_;
  LOG(INFO) << "Told the controller that log dir " << dir << " failed (" << posted.value() << ")";
}

}  // namespace kb::cluster
