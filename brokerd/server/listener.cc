#include "brokerd/server/listener.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <chrono>

namespace kb::server {
namespace asio = boost::asio;

namespace {
// How long the accept loop waits after running out of descriptors or memory.
constexpr std::chrono::milliseconds accept_backoff{100};
}  // namespace

listener::listener(const asio::any_io_executor& ex, const asio::ip::tcp::endpoint& endpoint,
                   const handler_registry& handlers, connection_limits limits)
    : acceptor_(ex), handlers_(handlers), limits_(limits) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::start() {
  asio::co_spawn(acceptor_.get_executor(), accept_loop(), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LOG(ERROR) << "Accept loop ended: " << ex.what();
    }
  });
}

asio::awaitable<void> listener::accept_loop() {
  while (acceptor_.is_open()) {
    boost::system::error_code ec;
    asio::ip::tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
      LOG(WARNING) << "accept failed: " << ec.message();
      if (ec == asio::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
          ec == asio::error::no_buffer_space || ec == asio::error::no_memory) {
        // The connection stays queued; accepting again at once would spin on the same error.
        asio::steady_timer pause(acceptor_.get_executor(), accept_backoff);
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
      continue;
    }
    socket.set_option(asio::ip::tcp::no_delay(true), ec);
    auto conn = std::make_shared<connection>(std::move(socket), handlers_, limits_);
    std::erase_if(connections_, [](const std::weak_ptr<connection>& w) { return w.expired(); });
    connections_.push_back(conn);
    VLOG(1) << "Accepted connection " << conn->id();
    conn->start();
  }
}

void listener::stop() {
  boost::system::error_code ec;
  acceptor_.close(ec);
  for (auto& w : connections_) {
    if (auto c = w.lock()) c->drain();
  }
}

size_t listener::open_connections() {
  std::erase_if(connections_, [](const std::weak_ptr<connection>& w) {
    auto c = w.lock();
    return !c || c->closed();
  });
  return connections_.size();
}

}  // namespace kb::server
