#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/tools/cluster_metadata.h"

namespace kb::tools {

// One partition the console consumer reads, and where it starts (an offset, or
// RD_KAFKA_OFFSET_BEGINNING / RD_KAFKA_OFFSET_END).
struct partition_start {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
};

// What kafka-console-consumer reads, from the cluster's metadata: every partition of `topic`, or
// of each topic `include` matches (Kafka's consumer leaves internal topics out of pattern
// subscriptions), or only `partition` of `topic`. With --partition these are read directly;
// otherwise their topics are what the group subscription names.
// Empty when no such topic exists yet. Throws command_error when the topic exists but has no
// partition `partition`.
std::vector<partition_start> plan_assignment(const cluster_view& cluster, const std::optional<std::string>& topic,
                                             const std::optional<std::string>& include,
                                             std::optional<int32_t> partition, int64_t start_offset);

}  // namespace kb::tools
