#include "brokerd/cluster/log_dir_failure_handler.h"

#include <utility>

#include <glog/logging.h>

namespace kb::cluster {

log_dir_failure_handler::log_dir_failure_handler(std::vector<std::filesystem::path> dirs, std::function<void()> halt)
    : dirs_(std::move(dirs)), halt_(std::move(halt)) {}

void log_dir_failure_handler::log_dir_failed(const std::filesystem::path& dir, const std::string& reason) {
  if (!failed_.insert(dir).second) return;
  LOG(ERROR) << "Stopped serving replicas in dir " << dir << ": " << reason;
  if (halting_) return;
  for (const auto& d : dirs_) {
    if (!failed_.contains(d)) return;
  }
  halting_ = true;
  std::string all;
  for (const auto& d : dirs_) all += (all.empty() ? "" : ",") + d.string();
  LOG(ERROR) << "Shutdown broker because all log dirs in " << all << " have failed";
  halt_();
}

}  // namespace kb::cluster
