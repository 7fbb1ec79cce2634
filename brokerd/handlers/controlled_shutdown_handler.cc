#include "brokerd/handlers/controlled_shutdown_handler.h"

#include "brokerd/protocol/messages/controlled_shutdown.h"
#include "brokerd/protocol/messages/decode_body.h"

namespace kb::handlers {
namespace asio = boost::asio;

server::api_handler make_controlled_shutdown_handler(zkmeta::controller& controller) {
  return {protocol::api_key::controlled_shutdown, protocol::controlled_shutdown_min_version,
          protocol::controlled_shutdown_max_version, protocol::controlled_shutdown_max_version + 1,
          [&controller](server::request_context& ctx) -> asio::awaitable<server::handler_result> {
            auto req = protocol::decode_body<protocol::controlled_shutdown_request>(ctx.body, ctx.version());
            protocol::controlled_shutdown_response resp;
            auto remaining = co_await controller.controlled_shutdown(req.broker_id);
            if (!remaining) {
              resp.error_code = protocol::error_code::not_controller;
            } else {
              for (const auto& tp : *remaining) resp.remaining_partitions.push_back({tp.topic, tp.partition});
            }
            protocol::response_buffer out;
            resp.encode(out.w(), ctx.version());
            co_return out;
          }};
}

}  // namespace kb::handlers
