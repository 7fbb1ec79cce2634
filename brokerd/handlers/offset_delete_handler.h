#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/offset_delete.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// OffsetDelete (47), version 0: deletes a group's offsets of some partitions; a live consumer
// group keeps those of topics it subscribes to (GROUP_SUBSCRIBED_TO_TOPIC).
boost::asio::awaitable<protocol::offset_delete_response> handle_offset_delete(
    group_services& services, const server::request_context& ctx, protocol::offset_delete_request request);

}  // namespace kb::handlers
