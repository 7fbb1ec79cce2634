#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/offset_fetch.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// OffsetFetch (9), versions 0-5: the group's committed offsets (-1 where none); from v2 a null
// topic list means every partition with an offset, and group errors are top-level (before v2
// they are repeated in each requested partition).
boost::asio::awaitable<protocol::offset_fetch_response> handle_offset_fetch(
    group_services& services, const server::request_context& ctx, protocol::offset_fetch_request request);

}  // namespace kb::handlers
