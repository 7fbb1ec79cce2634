#pragma once

#include <csignal>

namespace kb::tools {

// SIGINT and SIGTERM as a condition to poll rather than an asynchronous handler: the
// constructor blocks both in the calling thread, and so in every thread started afterwards
// (librdkafka's included), so the signals stay pending until the main loop checks pending()
// and shuts down cleanly (Kafka's console consumer does the same from its shutdown hook).
// Construct it before creating any librdkafka client.
class stop_signals {
 public:
  stop_signals();

  // The pending stop signal (SIGINT or SIGTERM), or 0.
  int pending() const;

 private:
  sigset_t set_;
};

}  // namespace kb::tools
