#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kb::tools {

// kafka-topics --replica-assignment: "b0:b1:b2,b1:b2:b0,..." lists, per partition (0, 1, ...),
// the broker ids of its replicas, preferred leader first.
using replica_assignment = std::vector<std::vector<int32_t>>;

// Kafka's TopicCommand.parseReplicaAssignment, with its error messages (thrown as
// command_error): a non-number, a broker listed twice for one partition ("Partition replica
// lists may not contain duplicate entries: 1"), or partitions with different replica counts
// ("Partition 1 has different replication factor: 1,2").
replica_assignment parse_replica_assignment(const std::string& text);

}  // namespace kb::tools
