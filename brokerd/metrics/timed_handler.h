#pragma once

#include "brokerd/metrics/broker_metrics.h"
#include "brokerd/server/handler_registry.h"

namespace kb::metrics {

// `h`, reporting to `metrics` how long each request took from dispatch to answer (Kafka's
// RequestsPerSec and TotalTimeMs per API; time queued behind earlier requests of the same
// connection is not included). `metrics` must outlive the handler.
server::api_handler timed(server::api_handler h, broker_metrics& metrics);

}  // namespace kb::metrics
