#include "brokerd/metrics/timed_handler.h"

#include <string>

namespace kb::metrics {

server::api_handler timed(server::api_handler h, broker_metrics& metrics) {
  // The lambda lives in the registry's std::function for the broker's lifetime, so the
  // coroutine may refer to its captures.
  h.handle = [inner = std::move(h.handle), name = std::string(protocol::name(h.key)),
              &metrics](server::request_context& ctx) -> boost::asio::awaitable<server::handler_result> {
    const auto start = metrics.clock().now();
    // Recorded when the handler returns or throws (an acks=0 produce that failed counts too),
    // never from a destructor: a frame destroyed at shutdown may outlive `metrics`.
    server::handler_result result;
    try {
      result = co_await inner(ctx);
    } catch (...) {
      metrics.on_request(name, metrics.clock().now() - start);
      throw;
    }
    metrics.on_request(name, metrics.clock().now() - start);
    co_return result;
  };
  return h;
}

}  // namespace kb::metrics
