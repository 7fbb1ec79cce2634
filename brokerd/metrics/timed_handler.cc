#include "brokerd/metrics/timed_handler.h"

#include <string>

namespace kb::metrics {

server::api_handler timed(server::api_handler h, broker_metrics& metrics) {
  // The lambda lives in the registry's std::function for the broker's lifetime, so the
  // coroutine may refer to its captures.
  h.handle = [inner = std::move(h.handle), name = std::string(protocol::name(h.key)),
              &metrics](server::request_context& ctx) -> boost::asio::awaitable<server::handler_result> {
    const auto start = metrics.clock().now();
    struct record_on_exit {  // a request that throws (an acks=0 produce that failed) counts too
      broker_metrics& metrics;
      const std::string& name;
      kb::clock::time_point start;
      ~record_on_exit() { metrics.on_request(name, metrics.clock().now() - start); }
    } recorder{metrics, name, start};
    co_return co_await inner(ctx);
  };
  return h;
}

}  // namespace kb::metrics
