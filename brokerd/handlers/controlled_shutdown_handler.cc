#include "brokerd/handlers/controlled_shutdown_handler.h"

namespace kb::handlers {
namespace asio = boost::asio;

asio::awaitable<protocol::controlled_shutdown_response> handle_controlled_shutdown(
    zkmeta::controller& controller, const server::request_context&, protocol::controlled_shutdown_request req) {
  protocol::controlled_shutdown_response resp;
  auto remaining = co_await controller.controlled_shutdown(req.broker_id);
  if (!remaining) {
    resp.error_code = protocol::error_code::not_controller;
  } else {
    for (const auto& tp : *remaining) resp.remaining_partitions.push_back({tp.topic, tp.partition});
  }
  co_return resp;
}

}  // namespace kb::handlers
