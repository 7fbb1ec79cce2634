#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "brokerd/tools/cluster_metadata.h"
#include "log/types.h"

namespace kb::tools {

// A consumer group as DescribeGroups reports it (Kafka's ConsumerGroupDescription), copied out
// of librdkafka's result so that the tables of kafka-consumer-groups are plain functions of it.

struct group_member_view {
  std::string consumer_id;        // the member id
  std::string group_instance_id;  // "" for a dynamic member
  std::string client_id;
  std::string host;  // as the broker saw it, e.g. "/127.0.0.1"
  // The partitions of the member's assignment, in the order its ConsumerProtocolAssignment
  // lists them (empty unless the group is Stable).
  std::vector<kb::topic_partition> assignment;
};

struct group_view {
  std::string group_id;
  std::string state;               // Kafka's names: "Stable", "Empty", "Dead", "PreparingRebalance", ...
  std::string partition_assignor;  // the protocol chosen, "" unless Stable
  broker_view coordinator;
  std::vector<group_member_view> members;
};

// One row of `--describe --offsets` (Kafka's PartitionAssignmentState), as printed: a field
// Kafka has no value for shows "-".
struct offset_row {
  std::string group;
  std::string topic = "-";
  std::string partition = "-";
  std::string current_offset = "-";
  std::string log_end_offset = "-";
  std::string lag = "-";
  std::string consumer_id = "-";
  std::string host = "-";
  std::string client_id = "-";
};

}  // namespace kb::tools
