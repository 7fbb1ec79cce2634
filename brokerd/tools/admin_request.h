#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <functional>

#include "brokerd/tools/rdkafka_ptr.h"

namespace kb::tools {

// Runs one librdkafka Admin API call synchronously, as Kafka's tools do with
// `adminClient.xxx(...).all().get()`.
//
// `start` issues the call (rd_kafka_CreateTopics(rk, ..., options, queue) and the like) with
// options for `op` whose request and operation timeouts are `timeout`; the call then waits
// on a private queue for the result event. A request-level failure (the broker unreachable,
// the call timed out) throws broker_error with librdkafka's code and text; per-topic or per-resource
// results are left for the caller to inspect in the returned event.
event_ptr run_admin_request(rd_kafka_t* rk, rd_kafka_admin_op_t op, std::chrono::milliseconds timeout,
                            const std::function<void(rd_kafka_AdminOptions_t*, rd_kafka_queue_t*)>& start);

}  // namespace kb::tools
