#pragma once

#include <chrono>
#include <cstdint>

namespace kb {

// Milliseconds since the Unix epoch: the clock of Kafka's timestamps, retention and
// replica lag. Code under test takes it as a function instead, so tests can set the time.
inline int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace kb
