#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/delete_groups.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// DeleteGroups (42), versions 0-1: deletes Empty groups and their offsets (tombstones);
// NON_EMPTY_GROUP for a group with members, GROUP_ID_NOT_FOUND for an unknown one.
boost::asio::awaitable<protocol::delete_groups_response> handle_delete_groups(
    group_services& services, const server::request_context& ctx, protocol::delete_groups_request request);

}  // namespace kb::handlers
