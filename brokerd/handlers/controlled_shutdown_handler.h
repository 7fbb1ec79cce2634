#pragma once

#include "brokerd/server/handler_registry.h"
#include "zkmeta/controller/controller.h"

namespace kb::handlers {

// ControlledShutdown (7), versions 1-2: served by the controller's broker, which moves the
// stopping broker's leaderships away before answering; any other broker answers
// NOT_CONTROLLER.
server::api_handler make_controlled_shutdown_handler(zkmeta::controller& controller);

}  // namespace kb::handlers
