#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/join_group.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// JoinGroup (11), versions 0-5: the member joins (or rejoins) the group; the answer waits
// for the join phase of the rebalance (group::group_coordinator::join_group). v0 has no
// rebalance timeout (the session timeout serves); from v4 a dynamic member without a member
// id is given one with MEMBER_ID_REQUIRED and rejoins with it (KIP-394); v5 carries the
// static member's group.instance.id (KIP-345).
boost::asio::awaitable<protocol::join_group_response> handle_join_group(
    group_services& services, const server::request_context& ctx, protocol::join_group_request request);

}  // namespace kb::handlers
