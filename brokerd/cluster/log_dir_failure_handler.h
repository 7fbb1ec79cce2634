#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "log/log_dir_failure_listener.h"

namespace kb::cluster {

// What the broker does when an I/O error takes a log dir offline (Kafka's
// ReplicaManager.handleLogDirFailure). The log manager has already taken the dir's logs
// offline, so their partitions answer KAFKA_STORAGE_ERROR and are never flushed, checkpointed
// or marked clean again. Once every configured dir has failed the broker halts, as Kafka does
// ("Shutdown broker because all log dirs in ... have failed"): `halt` runs once, and must end
// the process without a controlled shutdown; the ZooKeeper session then expires and the
// controller moves leadership to the in-sync replicas. Not told to the controller while some
// dir is left (Kafka's /log_dir_event_notification is not implemented): those partitions stay
// offline here until a restart recovers them, and an offline follower may linger in the ISR
// until replica.lag.time.max.ms removes it. Not thread-safe: the log manager calls it on the
// broker's I/O thread.
class log_dir_failure_handler final : public log::log_dir_failure_listener {
 public:
  log_dir_failure_handler(std::vector<std::filesystem::path> dirs, std::function<void()> halt);

  void log_dir_failed(const std::filesystem::path& dir, const std::string& reason) override;
  const std::set<std::filesystem::path>& failed() const { return failed_; }
  bool halting() const { return halting_; }

 private:
  std::vector<std::filesystem::path> dirs_;
  std::function<void()> halt_;
  std::set<std::filesystem::path> failed_;
  bool halting_ = false;
};

}  // namespace kb::cluster
