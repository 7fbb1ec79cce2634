#pragma once

#include <filesystem>

namespace kb::log {

// An exclusive flock on `<log dir>/.lock`, held while a broker uses the directory, so that
// two brokers pointed at the same log.dirs fail fast instead of corrupting each other.
class log_dir_lock {
 public:
  // Throws std::runtime_error if another process holds the lock (Kafka: fatal), and
  // std::system_error if the lock file cannot be opened: an I/O error that takes the dir
  // offline (Kafka's lockLogDirs: "Disk error while locking directory").
  explicit log_dir_lock(const std::filesystem::path& dir);
  ~log_dir_lock();
  log_dir_lock(const log_dir_lock&) = delete;
  log_dir_lock& operator=(const log_dir_lock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace kb::log
