#pragma once

#include <sys/resource.h>

#include <csignal>
#include <cstdint>

#include <gtest/gtest.h>

namespace kb::test {

// While alive, this process may not grow a file past `bytes` (RLIMIT_FSIZE): a write that
// would fails with EFBIG, as one on a full disk fails with ENOSPC. SIGXFSZ, which would
// otherwise end the process, is ignored meanwhile. Applies to root too.
class file_size_limit {
 public:
  explicit file_size_limit(uint64_t bytes) {
    EXPECT_EQ(::getrlimit(RLIMIT_FSIZE, &saved_), 0);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved_;
    limited.rlim_cur = bytes;
    EXPECT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  }
  ~file_size_limit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, old_handler_);
  }
  file_size_limit(const file_size_limit&) = delete;
  file_size_limit& operator=(const file_size_limit&) = delete;

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = SIG_DFL;
};

}  // namespace kb::test
