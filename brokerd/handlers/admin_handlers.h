#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// Adds the administrative APIs to `registry`: CreateTopics, DeleteTopics, CreatePartitions,
// DeleteRecords, DescribeConfigs, AlterConfigs and IncrementalAlterConfigs. `services` must
// outlive the registry's use.
void register_admin_handlers(server::handler_registry& registry, broker_services& services);

}  // namespace kb::handlers
