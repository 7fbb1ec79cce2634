#pragma once

#include <chrono>

#include "brokerd/tools/rdkafka_ptr.h"

namespace kb::tools {

// Where kafka-console-consumer takes its records from: a fixed set of partitions
// (partition_reader) or a group subscription (subscription_reader).
class record_source {
 public:
  virtual ~record_source() = default;

  // The next record or error event, or nullptr after `timeout` without one.
  virtual message_ptr next(std::chrono::milliseconds timeout) = 0;
};

}  // namespace kb::tools
