#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kb::zkmeta {

using assignment_map = std::map<int32_t, std::vector<int32_t>>;  // partition -> replicas

// Kafka's rack-unaware assignment (AdminUtils.assignReplicasToBrokersRackUnaware): the first
// replicas (leaders) go round-robin over the brokers from a start index; followers follow at
// a gap that grows by one every full round, so broker pairs are not repeated. `brokers` are
// sorted ids. fixed_start < 0 draws the start index and the shift from `random_index`.
struct assignment_request {
  std::vector<int32_t> brokers;
  int32_t partitions = 1;
  int32_t replication_factor = 1;
  int32_t fixed_start = -1;
  int32_t start_partition = 0;
};

// Errors as Kafka words them (INVALID_PARTITIONS / INVALID_REPLICATION_FACTOR), or the map.
struct assignment_result {
  assignment_map assignment;
  std::optional<std::string> error;
  bool replication_factor_error = false;  // else a partition-count error
};

assignment_result assign_replicas(const assignment_request& req, const std::function<int32_t(int32_t)>& random_index);

// The inputs Kafka uses when adding partitions to an existing topic without an explicit
// assignment: start at the broker of partition 0's first replica, at the current count.
assignment_request added_partitions_request(const assignment_map& existing, std::vector<int32_t> brokers,
                                            int32_t new_total);

}  // namespace kb::zkmeta
