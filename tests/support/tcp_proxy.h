#pragma once

// tcp_proxy: a byte-for-byte TCP relay from 127.0.0.1:<port()> to 127.0.0.1:<target port> that a
// test can cut. block() drops every relayed connection and turns new ones away (accepted, then
// closed at once) until unblock(); the client on the other side sees a dead server while the
// server itself keeps running. Runs on its own thread and io_context, so it keeps relaying
// while the test thread is blocked (e.g. in zookeeper_close).

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <future>
#include <memory>
#include <set>
#include <thread>

namespace kb::test {

class tcp_proxy {
 public:
  explicit tcp_proxy(int target_port)
      : target_(boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(target_port)),
        acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        work_(boost::asio::make_work_guard(io_)) {
    boost::asio::co_spawn(io_, accept_loop(), boost::asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }

  ~tcp_proxy() {
    on_proxy_thread([this] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      drop_links();
    });
    work_.reset();
    io_.stop();
    thread_.join();
  }

  tcp_proxy(const tcp_proxy&) = delete;
  tcp_proxy& operator=(const tcp_proxy&) = delete;

  int port() const { return acceptor_.local_endpoint().port(); }

  void block() {
    on_proxy_thread([this] {
      blocked_ = true;
      drop_links();
    });
  }
  void unblock() {
    on_proxy_thread([this] { blocked_ = false; });
  }

 private:
  using tcp = boost::asio::ip::tcp;
  struct link {
    explicit link(boost::asio::io_context& io) : client(io), server(io) {}
    void close() {
      boost::system::error_code ignored;
      client.close(ignored);
      server.close(ignored);
    }
    tcp::socket client;
    tcp::socket server;
  };

  // Runs f on the proxy thread and waits for it.
  template <class F>
  void on_proxy_thread(F f) {
    std::promise<void> done;
    boost::asio::post(io_, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  void drop_links() {
    for (const auto& l : links_) l->close();
    links_.clear();
  }

  boost::asio::awaitable<void> accept_loop() {
    for (;;) {
      auto l = std::make_shared<link>(io_);
      boost::system::error_code ec;
      co_await acceptor_.async_accept(l->client, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec == boost::asio::error::operation_aborted || !acceptor_.is_open()) co_return;
      if (ec || blocked_) {
        l->close();
        continue;
      }
      boost::asio::co_spawn(io_, relay(l), boost::asio::detached);
    }
  }

  boost::asio::awaitable<void> relay(std::shared_ptr<link> l) {
    boost::system::error_code ec;
    co_await l->server.async_connect(target_, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (ec || blocked_) {
      l->close();
      co_return;
    }
    links_.insert(l);
    boost::asio::co_spawn(io_, pump(l, l->client, l->server), boost::asio::detached);
    boost::asio::co_spawn(io_, pump(l, l->server, l->client), boost::asio::detached);
  }

  // Copies from -> to until either side fails, then closes the link.
  boost::asio::awaitable<void> pump(std::shared_ptr<link> l, tcp::socket& from, tcp::socket& to) {
    std::array<char, 16 * 1024> buffer;
    boost::system::error_code ec;
    while (!ec) {
      const std::size_t n = co_await from.async_read_some(
          boost::asio::buffer(buffer), boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) break;
      co_await boost::asio::async_write(to, boost::asio::buffer(buffer.data(), n),
                                        boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    }
    l->close();
    links_.erase(l);
  }

  boost::asio::io_context io_;
  tcp::endpoint target_;
  tcp::acceptor acceptor_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::set<std::shared_ptr<link>> links_;
  bool blocked_ = false;  // proxy thread only
  std::thread thread_;
};

}  // namespace kb::test
