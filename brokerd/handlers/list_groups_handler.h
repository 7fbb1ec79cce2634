#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/list_groups.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// ListGroups (16), versions 0-2: the groups this broker coordinates.
boost::asio::awaitable<protocol::list_groups_response> handle_list_groups(
    group_services& services, const server::request_context& ctx, protocol::list_groups_request request);

}  // namespace kb::handlers
