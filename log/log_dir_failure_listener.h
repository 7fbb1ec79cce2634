#pragma once

#include <filesystem>
#include <string>

namespace kb::log {

// Told once per log dir when an I/O error (disk full, EIO, a dir made unreadable) takes it
// offline: Kafka's LogDirFailureChannel. Every log in the dir is offline from then on, until
// the broker restarts and recovers them. Called on the thread that met the error (the
// broker's I/O thread, like every log call).
class log_dir_failure_listener {
 public:
  virtual ~log_dir_failure_listener() = default;
  virtual void log_dir_failed(const std::filesystem::path& dir, const std::string& reason) = 0;
};

}  // namespace kb::log
