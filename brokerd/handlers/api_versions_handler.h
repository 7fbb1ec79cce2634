#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/protocol/messages/api_versions.h"
#include "brokerd/server/handler_registry.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// ApiVersions (18), versions 0-3, answered from the registry itself (ApiVersions included,
// once registered in it), so the advertised ranges are exactly the handlers that exist.
// (Too-new versions are answered by the connection with UNSUPPORTED_VERSION before any
// handler runs.)
boost::asio::awaitable<protocol::api_versions_response> handle_api_versions(const server::handler_registry& registry,
                                                                           const server::request_context& ctx,
                                                                           protocol::api_versions_request request);

}  // namespace kb::handlers
