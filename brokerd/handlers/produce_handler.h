#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/produce.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// Produce (0), versions 0-8. Appends each partition's batch on the leader, then answers per
// acks: 0 no response, 1 after the local append, -1 once the high watermark covers the batch
// (or the request times out). v3+ carries one RecordBatch v2; v0-2 usually carry a legacy
// message set (magic 0 from v0-1, magic 1 from v2), up-converted to one v2 batch first
// (log/up_conversion.h), as Kafka 3.x does.
boost::asio::awaitable<std::optional<protocol::produce_response>> handle_produce(broker_services& services,
                                                                                const server::request_context& ctx,
                                                                                protocol::produce_request request);

}  // namespace kb::handlers
