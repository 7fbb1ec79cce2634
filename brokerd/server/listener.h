#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <vector>

#include "brokerd/server/connection.h"

namespace kb::server {

// Accepts connections on one endpoint and runs each as a `connection`. Owns weak references
// to its connections so shutdown can drain them.
class listener {
 public:
  listener(const boost::asio::any_io_executor& ex, const boost::asio::ip::tcp::endpoint& endpoint,
           const handler_registry& handlers, connection_limits limits);

  // The bound port (useful when configured with port 0).
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  // Binds and listens at construction; accepts only once started (until then connections
  // wait in the kernel's backlog).
  void start();
  // Stops accepting; drains every connection (answers what was read, then closes).
  void stop();
  size_t open_connections();

 private:
  boost::asio::awaitable<void> accept_loop();

  boost::asio::ip::tcp::acceptor acceptor_;
  const handler_registry& handlers_;
  connection_limits limits_;
  std::vector<std::weak_ptr<connection>> connections_;
};

}  // namespace kb::server
