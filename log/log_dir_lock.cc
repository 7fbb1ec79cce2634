#include "log/log_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "log/file_names.h"

namespace kb::log {

log_dir_lock::log_dir_lock(const std::filesystem::path& dir) {
  std::filesystem::path file = dir / lock_file;
  auto disk_error = [&dir](int error) {
    return std::system_error(error, std::generic_category(), "Disk error while locking directory " + dir.string());
  };
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw disk_error(errno);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error != EWOULDBLOCK) throw disk_error(error);
    throw std::runtime_error("Failed to acquire lock on file .lock in " + dir.string() +
                             ". A Kafka instance in another process or thread is using this directory.");
  }
}

log_dir_lock::~log_dir_lock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

}  // namespace kb::log
