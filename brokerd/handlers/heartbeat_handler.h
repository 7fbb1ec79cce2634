#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/heartbeat.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// Heartbeat (12), versions 0-3: keeps the member's session alive; REBALANCE_IN_PROGRESS tells it
// to rejoin.
boost::asio::awaitable<protocol::heartbeat_response> handle_heartbeat(
    group_services& services, const server::request_context& ctx, protocol::heartbeat_request request);

}  // namespace kb::handlers
