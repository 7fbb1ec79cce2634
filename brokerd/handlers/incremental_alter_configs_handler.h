#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// IncrementalAlterConfigs (44), version 0. For a TOPIC resource, starts from the topic's
// current overrides and applies each operation in order: SET a value, DELETE a key (revert
// to the broker default), APPEND to / SUBTRACT from a list-typed key (cleanup.policy is the
// only one; elsewhere INVALID_CONFIG). The result is validated as a whole and written
// through topic_admin (not at all with validate_only). BROKER and BROKER_LOGGER resources
// are refused with INVALID_REQUEST. Any broker may answer.
server::api_handler make_incremental_alter_configs_handler(broker_services& services);

}  // namespace kb::handlers
