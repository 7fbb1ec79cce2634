// broker_connection against a tiny in-process peer on a loopback port: each accepted
// connection answers a set number of requests (echoing the body after the correlation id)
// and then closes, as a broker that restarts between two requests does.
#include "replication/broker_connection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "log/big_endian.h"
#include "tests/support/io_runner.h"

namespace kb::replication {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;

class BrokerConnectionTest : public ::testing::Test {
 protected:
  BrokerConnectionTest() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}

  // Serves `connections` connections in turn, each answering `requests_each` requests.
  void serve(int connections, int requests_each) {
    asio::co_spawn(
        io_,
        [this, connections, requests_each]() -> asio::awaitable<void> {
          for (int c = 0; c < connections; ++c) {
            tcp::socket s = co_await acceptor_.async_accept(asio::use_awaitable);
            ++accepted_;
            for (int r = 0; r < requests_each; ++r) {
              std::byte size_bytes[4];
              co_await asio::async_read(s, asio::buffer(size_bytes), asio::use_awaitable);
              std::vector<std::byte> request(static_cast<size_t>(be::load<int32_t>(size_bytes)));
              co_await asio::async_read(s, asio::buffer(request), asio::use_awaitable);
              // Header v1: api key (2), version (2), correlation id (4), client id (2 + n).
              int32_t correlation_id = be::load<int32_t>(request.data() + 4);
              size_t header = 10 + static_cast<size_t>(be::load<int16_t>(request.data() + 8));
              size_t payload = request.size() - header;
              std::vector<std::byte> response(8 + payload);
              be::store<int32_t>(response.data(), static_cast<int32_t>(4 + payload));
              be::store<int32_t>(response.data() + 4, correlation_id);
              std::copy_n(request.data() + header, payload, response.data() + 8);
              co_await asio::async_write(s, asio::buffer(response), asio::use_awaitable);
            }
          }
        },
        asio::detached);
  }

  // Accepts one connection and reads one request without ever answering (a long poll).
  void serve_silently() {
    asio::co_spawn(
        io_,
        [this]() -> asio::awaitable<void> {
          silent_peer_.emplace(co_await acceptor_.async_accept(asio::use_awaitable));
          ++accepted_;
          std::byte size_bytes[4];
          co_await asio::async_read(*silent_peer_, asio::buffer(size_bytes), asio::use_awaitable);
          std::vector<std::byte> request(static_cast<size_t>(be::load<int32_t>(size_bytes)));
          co_await asio::async_read(*silent_peer_, asio::buffer(request), asio::use_awaitable);
          ++requests_unanswered_;
        },
        asio::detached);
  }

  // Starts a request without waiting for it; `done` and `error` tell how it ended.
  struct pending {
    bool done = false;
    std::exception_ptr error;
  };
  std::shared_ptr<pending> start(broker_connection& c) {
    auto p = std::make_shared<pending>();
    asio::co_spawn(
        io_,
        [&c]() -> asio::awaitable<void> {
          std::vector<std::byte> body{std::byte{7}};
          co_await c.round_trip(1, 11, std::move(body));
        },
        [p](std::exception_ptr e) {
          p->error = e;
          p->done = true;
        });
    return p;
  }

  broker_connection connect() {
    int32_t port = acceptor_.local_endpoint().port();
    return broker_connection(io_.get_executor(), [port] { return std::pair<std::string, int32_t>{"127.0.0.1", port}; },
                             "test", std::chrono::seconds(5));
  }

  std::vector<std::byte> ask(broker_connection& c, std::byte payload) {
    std::vector<std::byte> body{payload};
    return test::run(io_, c.round_trip(1, 11, std::move(body)));
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  int accepted_ = 0;
  std::optional<tcp::socket> silent_peer_;
  int requests_unanswered_ = 0;
};

TEST_F(BrokerConnectionTest, RequestsShareOneConnection) {
  serve(1, 2);
  broker_connection c = connect();
  EXPECT_EQ(ask(c, std::byte{1}), std::vector<std::byte>{std::byte{1}});
  EXPECT_EQ(ask(c, std::byte{2}), std::vector<std::byte>{std::byte{2}});
  EXPECT_EQ(accepted_, 1);
}

// The peer closed the idle connection (it restarted): the next request still gets its answer,
// over a new connection, rather than an error that would make a fetcher back off.
TEST_F(BrokerConnectionTest, ARequestOnAConnectionThePeerClosedIsSentAgainOnANewOne) {
  serve(2, 1);
  broker_connection c = connect();
  EXPECT_EQ(ask(c, std::byte{1}), std::vector<std::byte>{std::byte{1}});
  ASSERT_TRUE(test::run_until(io_, [&] { return accepted_ == 1; }));
  EXPECT_EQ(ask(c, std::byte{2}), std::vector<std::byte>{std::byte{2}});
  EXPECT_EQ(accepted_, 2);
}

TEST_F(BrokerConnectionTest, ANewConnectionThePeerClosesIsAnError) {
  serve(1, 0);
  broker_connection c = connect();
  EXPECT_THROW(ask(c, std::byte{1}), boost::system::system_error);
}

// close() while a request waits for its answer (the fetcher dropping a long poll) fails that
// request, and the next one goes out on a new connection.
TEST_F(BrokerConnectionTest, CloseDuringARequestFailsItAndTheNextOneReconnects) {
  serve_silently();
  broker_connection c = connect();
  auto first = start(c);
  ASSERT_TRUE(test::run_until(io_, [&] { return requests_unanswered_ == 1; }));
  c.close();
  ASSERT_TRUE(test::run_until(io_, [&] { return first->done; }));
  EXPECT_TRUE(first->error) << "a closed request reported success";
  serve(1, 1);
  EXPECT_EQ(ask(c, std::byte{2}), std::vector<std::byte>{std::byte{2}});
  EXPECT_EQ(accepted_, 2);
}

// close() while the connection is still being made ends the request too (here it comes as the
// address is looked up, the first step of connecting), and does not spoil the next request.
TEST_F(BrokerConnectionTest, CloseWhileConnectingFailsTheRequest) {
  serve(1, 1);
  const int32_t port = acceptor_.local_endpoint().port();
  broker_connection* self = nullptr;
  bool close_on_lookup = true;
  broker_connection c(
      io_.get_executor(),
      [&]() -> std::optional<std::pair<std::string, int32_t>> {
        if (std::exchange(close_on_lookup, false)) self->close();
        return std::pair<std::string, int32_t>{"127.0.0.1", port};
      },
      "test", std::chrono::seconds(5));
  self = &c;
  auto first = start(c);
  ASSERT_TRUE(test::run_until(io_, [&] { return first->done; }));
  ASSERT_TRUE(first->error) << "the request went through a connection closed while it was made";
  EXPECT_THROW(std::rethrow_exception(first->error), boost::system::system_error);
  EXPECT_EQ(ask(c, std::byte{3}), std::vector<std::byte>{std::byte{3}});
  EXPECT_EQ(accepted_, 1) << "the closed connect reached the peer";
}

// A peer whose accept queue is full drops the SYNs (as does a host cut off by a firewall):
// the connect would hang for the kernel's SYN retries, about two minutes. The request timeout
// covers the connect too.
TEST_F(BrokerConnectionTest, AConnectThePeerNeverAnswersFailsAtTheRequestTimeout) {
  tcp::acceptor full(io_);
  const tcp::endpoint at(asio::ip::make_address("127.0.0.1"), 0);
  full.open(at.protocol());
  full.bind(at);
  full.listen(0);  // one connection waiting to be accepted fills the queue
  const int32_t port = full.local_endpoint().port();
  tcp::socket filler(io_);
  filler.connect(tcp::endpoint(at.address(), static_cast<uint16_t>(port)));
  broker_connection c(io_.get_executor(), [port] { return std::pair<std::string, int32_t>{"127.0.0.1", port}; },
                      "test", std::chrono::milliseconds(200));
  auto p = start(c);
  ASSERT_TRUE(test::run_until(io_, [&] { return p->done; }));
  ASSERT_TRUE(p->error);
  try {
    std::rethrow_exception(p->error);
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("connect to 127.0.0.1:" + std::to_string(port) + " timed out"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace kb::replication
