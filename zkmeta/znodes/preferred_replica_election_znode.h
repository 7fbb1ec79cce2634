#pragma once

// /admin/preferred_replica_election: persistent; the legacy way to ask the controller for
// preferred leader elections (Kafka's PreferredReplicaElectionZNode, written by the old
// kafka-preferred-replica-election.sh). The controller watches its existence, elects the
// preferred replica of each listed partition, then deletes it (epoch-fenced). Payload:
//   {"version":1,"partitions":[{"topic":"t","partition":0},{"topic":"t","partition":3}]}
// Kafka decodes the list into a set: a partition listed twice is elected once.

#include <string>
#include <string_view>
#include <vector>

#include "log/types.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta::preferred_replica_election_znode {

inline std::string path() { return "/admin/preferred_replica_election"; }

std::string encode(const std::vector<kb::topic_partition>& partitions);
// The listed partitions, sorted, each once.
result<std::vector<kb::topic_partition>> decode(std::string_view data);

}  // namespace kb::zkmeta::preferred_replica_election_znode
