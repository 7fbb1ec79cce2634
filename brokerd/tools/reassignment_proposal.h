#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "brokerd/tools/reassignment_json.h"

namespace kb::tools {

// kafka-reassign-partitions --generate (Kafka's calculateAssignment): each topic of
// `current` keeps its partition count and the replication factor of its first partition and
// gets Kafka's rack-unaware assignment over `brokers` (sorted ids), from a random start.
// Throws command_error with Kafka's message when the replication factor exceeds the brokers.
partition_replicas propose_reassignment(const partition_replicas& current, const std::vector<int32_t>& brokers,
                                        const std::function<int32_t(int32_t)>& random_index);

}  // namespace kb::tools
