#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/sync_group.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// SyncGroup (14), versions 0-3: the leader hands in every member's assignment; each member's
// answer, its own assignment, waits until the leader's is stored.
boost::asio::awaitable<protocol::sync_group_response> handle_sync_group(
    group_services& services, const server::request_context& ctx, protocol::sync_group_request request);

}  // namespace kb::handlers
