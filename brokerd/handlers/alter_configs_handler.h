#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// AlterConfigs (33), versions 0-1. Whole-set replacement: a TOPIC resource's entries become
// the topic's complete override set (keys left out revert to the broker default). Every
// entry is validated first (INVALID_CONFIG with Kafka's message), then the set is written
// through topic_admin (not at all with validate_only). BROKER resources are refused with
// INVALID_REQUEST: this broker has no dynamic broker configs. Any broker may answer.
server::api_handler make_alter_configs_handler(broker_services& services);

}  // namespace kb::handlers
