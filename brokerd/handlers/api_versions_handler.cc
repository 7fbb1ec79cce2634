#include "brokerd/handlers/api_versions_handler.h"

namespace kb::handlers {
namespace asio = boost::asio;

asio::awaitable<protocol::api_versions_response> handle_api_versions(const server::handler_registry& registry,
                                                                     const server::request_context& ctx,
                                                                     protocol::api_versions_request req) {
  protocol::api_versions_response resp;
  if (ctx.version() >= 3 && (!protocol::is_valid_client_software_field(req.client_software_name) ||
                             !protocol::is_valid_client_software_field(req.client_software_version))) {
    resp.error_code = protocol::error_code::invalid_request;
  }
  for (const auto& r : registry.ranges()) resp.api_keys.push_back({r.key, r.min_version, r.max_version});
  co_return resp;
}

}  // namespace kb::handlers
