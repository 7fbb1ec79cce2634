#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "log/types.h"

namespace kb::zkmeta {

// What a broker said about the replicas it was asked about.
struct replica_probe_answer {
  std::set<kb::topic_partition> offline;  // in a log dir that failed (KAFKA_STORAGE_ERROR)
  std::set<kb::topic_partition> online;   // served from a working log dir
  // Replicas in neither set gave no verdict (not created there yet, say).
};

// An answer, or why there is none (the broker unreachable, timed out, or a malformed response).
struct replica_probe_result {
  std::optional<replica_probe_answer> answer;
  std::string failure;  // set when there is no answer
};

// How the controller learns which replicas of a broker sit in a failed log dir. Kafka's
// controller reads it from the KAFKA_STORAGE_ERROR of each partition in a broker's
// LeaderAndIsr response; the broker implements this by asking as a debugging tool does
// (ListOffsets with replica id -2), which any replica answers and an offline one refuses.
class replica_probe {
 public:
  virtual ~replica_probe() = default;
  // Asks `broker` about `replicas`. Never throws; logs nothing (the controller does).
  virtual boost::asio::awaitable<replica_probe_result> probe(
      int32_t broker, std::vector<kb::topic_partition> replicas) = 0;
};

}  // namespace kb::zkmeta
