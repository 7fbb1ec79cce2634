#pragma once

#include <cstdint>

namespace kb::log {

// Kafka's long arithmetic, which the record format relies on: offsets and timestamps are
// base + delta, computed in Java with wrap-around, and a producer chooses both the base and
// the delta. In C++ an overflowing sum is undefined; these wrap as Java does.
inline int64_t wrapping_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t wrapping_sub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}

}  // namespace kb::log
