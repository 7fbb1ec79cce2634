#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <vector>

#include "brokerd/metrics/metrics_registry.h"

namespace kb::metrics {

// The broker's read-only HTTP endpoint: GET /metrics answers a scrape of `registry` in the
// Prometheus text format (200, text/plain; version=0.0.4). Any other path is 404, any other
// method 405; a malformed request or one over 8 KiB closes its connection. Connections are
// kept alive between scrapes, and one idle for 60 s is closed. Runs on the broker's io
// thread: a scrape reads the broker's state without locks.
class metrics_http_server {
 public:
  metrics_http_server(const boost::asio::any_io_executor& ex, const boost::asio::ip::tcp::endpoint& endpoint,
                      const metrics_registry& registry);
  ~metrics_http_server();

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void start();
  // Stops accepting and closes every connection.
  void stop();

 private:
  struct session;
  boost::asio::awaitable<void> accept_loop();

  boost::asio::ip::tcp::acceptor acceptor_;
  const metrics_registry& registry_;
  std::vector<std::weak_ptr<session>> sessions_;
};

}  // namespace kb::metrics
