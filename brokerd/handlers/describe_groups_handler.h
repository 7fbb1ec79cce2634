#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/describe_groups.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// DescribeGroups (15), versions 0-4: each group's state, protocol and members (with their
// subscriptions and assignments while Stable). An unknown group is Dead with error NONE.
boost::asio::awaitable<protocol::describe_groups_response> handle_describe_groups(
    group_services& services, const server::request_context& ctx, protocol::describe_groups_request request);

}  // namespace kb::handlers
