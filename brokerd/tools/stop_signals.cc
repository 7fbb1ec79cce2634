#include "brokerd/tools/stop_signals.h"

#include <pthread.h>

namespace kb::tools {

stop_signals::stop_signals() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);
}

int stop_signals::pending() const {
  sigset_t pending;
  sigemptyset(&pending);
  sigpending(&pending);
  if (sigismember(&pending, SIGINT)) return SIGINT;
  if (sigismember(&pending, SIGTERM)) return SIGTERM;
  return 0;
}

}  // namespace kb::tools
