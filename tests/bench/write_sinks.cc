#include "tests/bench/write_sinks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace kb::bench {
namespace {

int open_fresh(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + path.string());
  return fd;
}

}  // namespace

log_sink::log_sink(const std::filesystem::path& dir, const log::log_config& cfg, int64_t now_ms)
    : dir_(dir), cfg_(cfg), now_ms_(now_ms) {
  restart();
}

log_sink::~log_sink() {
  if (log_) log_->remove_all();
}

bool log_sink::write(std::span<std::byte> batch) { return static_cast<bool>(log_->append_as_leader(batch, 0, now_ms_)); }

void log_sink::restart() {
  if (log_) log_->remove_all();
  log_.reset();
  log_ = log::partition_log::open(dir_, {"bench", 0}, cfg_, {.now_ms = now_ms_});
}

raw_file_sink::raw_file_sink(const std::filesystem::path& path) : path_(path), fd_(open_fresh(path)) {}

raw_file_sink::~raw_file_sink() {
  ::close(fd_);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

bool raw_file_sink::write(std::span<std::byte> batch) {
  const std::byte* p = batch.data();
  size_t left = batch.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

void raw_file_sink::restart() {
  ::close(fd_);
  std::filesystem::remove(path_);
  fd_ = open_fresh(path_);
}

}  // namespace kb::bench
