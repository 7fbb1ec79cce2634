#include "brokerd/handlers/group_services.h"

namespace kb::handlers {

std::string client_host_of(const server::request_context& ctx) {
  // connection_id is "<local address>:<port>-<peer address>:<port>".
  const std::string& id = ctx.connection_id;
  const size_t dash = id.find('-');
  const size_t colon = id.rfind(':');
  if (dash == std::string::npos || colon == std::string::npos || colon <= dash) return "/" + id;
  return "/" + id.substr(dash + 1, colon - dash - 1);
}

}  // namespace kb::handlers
