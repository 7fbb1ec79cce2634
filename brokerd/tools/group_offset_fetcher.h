#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/kafka_wire_client.h"
#include "log/types.h"

namespace kb::tools {

// Reads every committed offset of a group (OffsetFetch v5 with a null topic list, "all
// partitions") with this project's codecs: librdkafka 2.0's ListConsumerGroupOffsets cannot,
// since for a broker without OffsetFetch v7 it sends an empty topic list instead of a null one
// and so gets nothing back (fixed in librdkafka 2.3.0).
//
// Finds the group's coordinator with FindCoordinator v1 at the bootstrap brokers in turn, then
// asks it. A coordinator that is loading, not available or moved (COORDINATOR_LOAD_IN_PROGRESS,
// COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR), or a connection that fails, is retried after
// retry.backoff.ms until `timeout` has passed; then, or on any other group error, it throws
// command_error with Kafka's exception text. Not thread-safe.
class group_offset_fetcher {
 public:
  group_offset_fetcher(const std::string& bootstrap_servers, std::string client_id, std::chrono::milliseconds timeout);
  ~group_offset_fetcher();

  // The group's committed offsets in response order; -1 for a partition without one.
  std::vector<std::pair<kb::topic_partition, int64_t>> committed(const std::string& group);

 private:
  using clock = kafka_wire_client::clock;

  std::vector<std::string> bootstrap_;
  std::string client_id_;
  std::chrono::milliseconds timeout_;
  size_t next_bootstrap_ = 0;
};

}  // namespace kb::tools
