#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// Fetch (1), versions 4-11: log data straight from segment files (sendfile), bounded by the
// high watermark for consumers and by the log end for follower replicas; long-polls up to
// max_wait_ms until min_bytes are available.
server::api_handler make_fetch_handler(broker_services& services);

}  // namespace kb::handlers
