#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// CreatePartitions (37), versions 0-1, answered by the controller only (others:
// NOT_CONTROLLER). Checks each topic as Kafka's KafkaApis and ZkAdminManager do (duplicates,
// deletion in progress, existence, the new count, an explicit assignment's brokers and
// size), adds the partitions through topic_admin and waits (up to timeout_ms) until every
// partition has a leader; those still without one get REQUEST_TIMED_OUT.
server::api_handler make_create_partitions_handler(broker_services& services);

}  // namespace kb::handlers
