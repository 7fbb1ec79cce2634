#pragma once

#include <system_error>

#include "brokerd/cluster/kafka_errors.h"
#include "brokerd/protocol/error_code.h"
#include "log/errc.h"
#include "zkmeta/controller/replica_election.h"
#include "zkmeta/controller/reassignments.h"

namespace kb::handlers {

// Storage errors: brokerd/cluster/kafka_errors.h.
using cluster::to_kafka_error;
// For reserving a producer-id block in ZooKeeper (InitProducerId): ZooKeeper failures and an
// undecodable /latest_producer_id_block are COORDINATOR_NOT_AVAILABLE (retriable); running
// out of ids is UNKNOWN_SERVER_ERROR, as Kafka's "Have exhausted all producerIds." is.
protocol::error_code to_kafka_error_for_producer_ids(const std::error_code& ec);
// A partition's ElectLeaders result, as Kafka's controller reports it: ELECTION_NOT_NEEDED,
// PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION,
// NOT_CONTROLLER (fenced meanwhile), UNKNOWN_SERVER_ERROR (ZooKeeper failed).
protocol::error_code to_kafka_error(zkmeta::election_outcome o);
// AlterPartitionReassignments' per-partition outcomes.
protocol::error_code to_kafka_error(zkmeta::reassignment_error e);

}  // namespace kb::handlers
