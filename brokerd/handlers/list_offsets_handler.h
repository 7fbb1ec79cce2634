#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// ListOffsets (2), versions 0-5: earliest (-2), latest (-1: the high watermark for clients,
// the log end for followers) and the first offset at or after a timestamp.
server::api_handler make_list_offsets_handler(broker_services& services);

}  // namespace kb::handlers
