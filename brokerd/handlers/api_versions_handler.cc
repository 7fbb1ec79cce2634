#include "brokerd/handlers/api_versions_handler.h"

#include "brokerd/protocol/messages/api_versions.h"
#include "brokerd/protocol/messages/decode_body.h"

namespace kb::handlers {
namespace asio = boost::asio;

server::api_handler make_api_versions_handler(const server::handler_registry& registry) {
  return {protocol::api_key::api_versions, protocol::api_versions_min_version, protocol::api_versions_max_version,
          protocol::api_versions_first_flexible_version,
          [&registry](server::request_context& ctx) -> asio::awaitable<server::handler_result> {
            auto req = protocol::decode_body<protocol::api_versions_request>(ctx.body, ctx.version());
            protocol::api_versions_response resp;
            if (ctx.version() >= 3 && (!protocol::is_valid_client_software_field(req.client_software_name) ||
                                       !protocol::is_valid_client_software_field(req.client_software_version))) {
              resp.error_code = protocol::error_code::invalid_request;
            }
            for (const auto& r : registry.ranges()) resp.api_keys.push_back({r.key, r.min_version, r.max_version});
            protocol::response_buffer out;
            resp.encode(out.w(), ctx.version());
            co_return out;
          }};
}

}  // namespace kb::handlers
