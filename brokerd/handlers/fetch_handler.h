#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// Fetch (1), versions 0-11: bounded by the high watermark for consumers and by the log end
// for follower replicas; long-polls up to max_wait_ms until min_bytes are available. v4+
// send the stored batches straight from segment files (sendfile); v0-3 get them
// down-converted in memory to magic 0 (v0-1) or magic 1 (v2-3) messages, as Kafka does for
// old consumers (log/down_conversion.h).
server::api_handler make_fetch_handler(broker_services& services);

}  // namespace kb::handlers
