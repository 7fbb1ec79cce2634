#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// Produce (0), versions 3-8 (RecordBatch v2). Appends each partition's batch on the leader,
// then answers per acks: 0 no response, 1 after the local append, -1 once the high
// watermark covers the batch (or the request times out).
server::api_handler make_produce_handler(broker_services& services);

}  // namespace kb::handlers
