#pragma once

#include <system_error>

#include "brokerd/protocol/error_code.h"
#include "log/errc.h"

namespace kb::cluster {

// The one place storage errors become Kafka error codes (request handlers and the group
// coordinator's writes to __consumer_offsets both answer with them).
protocol::error_code to_kafka_error(log::errc e);
// For results from the log: non-log categories map to UNKNOWN_SERVER_ERROR.
protocol::error_code to_kafka_error(const std::error_code& ec);

}  // namespace kb::cluster
