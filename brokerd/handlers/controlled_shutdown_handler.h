#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/protocol/messages/controlled_shutdown.h"
#include "brokerd/server/request_context.h"
#include "zkmeta/controller/controller.h"

namespace kb::handlers {

// ControlledShutdown (7), versions 1-2: served by the controller's broker, which moves the
// stopping broker's leaderships away before answering; any other broker answers
// NOT_CONTROLLER.
boost::asio::awaitable<protocol::controlled_shutdown_response> handle_controlled_shutdown(
    zkmeta::controller& controller, const server::request_context& ctx, protocol::controlled_shutdown_request request);

}  // namespace kb::handlers
