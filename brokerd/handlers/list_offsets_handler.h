#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/list_offsets.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// ListOffsets (2), versions 0-5: earliest (-2), latest (-1: the high watermark for clients,
// the log end for followers) and the first offset at or after a timestamp.
boost::asio::awaitable<protocol::list_offsets_response> handle_list_offsets(broker_services& services,
                                                                           const server::request_context& ctx,
                                                                           protocol::list_offsets_request request);

}  // namespace kb::handlers
