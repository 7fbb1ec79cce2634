#pragma once

#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// ApiVersions (18), versions 0-3, answered from the registry itself, so the advertised
// ranges are exactly the handlers that exist. (Too-new versions are answered by the
// connection with UNSUPPORTED_VERSION before any handler runs.)
server::api_handler make_api_versions_handler(const server::handler_registry& registry);

}  // namespace kb::handlers
