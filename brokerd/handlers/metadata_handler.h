#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// Metadata (3), versions 0-8: live brokers, the controller, and each topic's partitions with
// leader, leader epoch, replicas, ISR and offline replicas. Unknown topics are created when
// auto.create.topics.enable and the request allow it (answered LEADER_NOT_AVAILABLE until
// the controller elects leaders, as Kafka does).
server::api_handler make_metadata_handler(broker_services& services);

}  // namespace kb::handlers
