#pragma once

#include "brokerd/server/handler_registry.h"
#include "zkmeta/controller/controller.h"

namespace kb::handlers {

// AlterPartitionReassignments (45) and ListPartitionReassignments (46), version 0 (KIP-455):
// served by the controller's broker through its reassignment state machine; any other broker
// answers NOT_CONTROLLER (clients send these to the controller Metadata names).
server::api_handler make_alter_partition_reassignments_handler(zkmeta::controller& controller);
server::api_handler make_list_partition_reassignments_handler(zkmeta::controller& controller);

}  // namespace kb::handlers
