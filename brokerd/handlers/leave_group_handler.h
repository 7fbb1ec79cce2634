#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/leave_group.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// LeaveGroup (13), versions 0-3: one member (v0-2) or a batch of members (v3, with per-member
// errors) leaves the group, which rebalances. v0-2 report a member's error at the top level.
boost::asio::awaitable<protocol::leave_group_response> handle_leave_group(
    group_services& services, const server::request_context& ctx, protocol::leave_group_request request);

}  // namespace kb::handlers
