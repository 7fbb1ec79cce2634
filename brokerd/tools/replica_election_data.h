#pragma once

#include <string_view>
#include <vector>

#include "log/types.h"

namespace kb::tools {

// The partitions of a --path-to-json-file (Kafka's LeaderElectionCommand.parseReplicaElectionData):
//   {"partitions": [{"topic": "foo", "partition": 1}, {"topic": "foobar", "partition": 2}]}
// in file order. Throws command_error with Kafka's messages: "Replica election data is empty"
// (not JSON, or no object), "Replica election data is missing \"partitions\" field",
// "Replica election data contains duplicate partitions: foo-1", and a description of an
// entry whose topic or partition is missing or of the wrong type.
std::vector<kb::topic_partition> parse_replica_election_data(std::string_view json_text);

}  // namespace kb::tools
