#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/fetch.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// Fetch (1), versions 0-11: bounded by the high watermark for consumers and by the log end
// for follower replicas; long-polls up to max_wait_ms until min_bytes are available. v4+
// send the stored batches straight from segment files (sendfile); v0-3 get them
// down-converted in memory to magic 0 (v0-1) or magic 1 (v2-3) messages, as Kafka does for
// old consumers (log/down_conversion.h).
boost::asio::awaitable<protocol::fetch_response> handle_fetch(broker_services& services,
                                                             const server::request_context& ctx,
                                                             protocol::fetch_request request);

}  // namespace kb::handlers
