// The read-only /metrics endpoint over a real loopback socket.
#include "brokerd/metrics/metrics_http_server.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include "tests/support/io_runner.h"

namespace kb::metrics {
namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

class counting_source final : public metrics_source {
 public:
  void collect(prometheus_writer& out) const override { out.counter("scrapes_total", "Scrapes", ++scrapes_); }

 private:
  mutable int scrapes_ = 0;
};

class MetricsHttpServerTest : public ::testing::Test {
 protected:
  MetricsHttpServerTest() : server_(io_.get_executor(), {asio::ip::make_address("127.0.0.1"), 0}, registry_) {
    registry_.add(source_);
    server_.start();
  }

  asio::awaitable<asio::ip::tcp::socket> connect() {
    asio::ip::tcp::socket s(io_);
    co_await s.async_connect({asio::ip::make_address("127.0.0.1"), server_.port()}, asio::use_awaitable);
    co_return s;
  }

  // Sends `raw` on `s` and reads one response.
  asio::awaitable<http::response<http::string_body>> exchange(asio::ip::tcp::socket& s, std::string raw) {
    co_await asio::async_write(s, asio::buffer(raw), asio::use_awaitable);
    http::response<http::string_body> res;
    co_await http::async_read(s, buffer_, res, asio::use_awaitable);
    co_return res;
  }

  http::response<http::string_body> request(const std::string& raw) {
    return kb::test::run(io_, [this, raw]() -> asio::awaitable<http::response<http::string_body>> {
      auto s = co_await connect();
      co_return co_await exchange(s, raw);
    }());
  }

  asio::io_context io_;
  counting_source source_;
  metrics_registry registry_;
  metrics_http_server server_;
  beast::flat_buffer buffer_;
};

TEST_F(MetricsHttpServerTest, GetMetricsAnswersTheScrape) {
  auto res = request("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(res.body(), "# HELP scrapes_total Scrapes\n# TYPE scrapes_total counter\nscrapes_total 1\n");
}

TEST_F(MetricsHttpServerTest, AQueryStringIsIgnored) {
  EXPECT_EQ(request("GET /metrics?name[]=x HTTP/1.1\r\nHost: x\r\n\r\n").result(), http::status::ok);
}

TEST_F(MetricsHttpServerTest, OtherPathsAreNotFound) {
  auto res = request("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(res.result(), http::status::not_found);
  EXPECT_EQ(res.body(), "Not found. Metrics are at /metrics.\n");
}

TEST_F(MetricsHttpServerTest, WritesAreRefused) {
  auto res = request("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(res.result(), http::status::method_not_allowed);
  EXPECT_EQ(res[http::field::allow], "GET, HEAD");
}

TEST_F(MetricsHttpServerTest, HeadHasTheLengthButNoBody) {
  kb::test::run(io_, [this]() -> asio::awaitable<void> {
    auto s = co_await connect();
    co_await asio::async_write(s, asio::buffer(std::string("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n")),
                               asio::use_awaitable);
    http::response_parser<http::empty_body> parser;
    parser.skip(true);  // a HEAD response has no body whatever its Content-Length
    co_await http::async_read(s, buffer_, parser, asio::use_awaitable);
    EXPECT_EQ(parser.get().result(), http::status::ok);
    EXPECT_NE(parser.get()[http::field::content_length], "0");
  }());
}

TEST_F(MetricsHttpServerTest, AConnectionIsKeptAliveBetweenScrapes) {
  kb::test::run(io_, [this]() -> asio::awaitable<void> {
    auto s = co_await connect();
    auto first = co_await exchange(s, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    auto second = co_await exchange(s, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_NE(first.body().find("scrapes_total 1\n"), std::string::npos);
    EXPECT_NE(second.body().find("scrapes_total 2\n"), std::string::npos);
  }());
}

// Reads until the server closes; returns what it sent.
asio::awaitable<std::string> read_to_close(asio::ip::tcp::socket& s) {
  std::string got;
  boost::system::error_code ec;
  co_await asio::async_read(s, asio::dynamic_buffer(got), asio::redirect_error(asio::use_awaitable, ec));
  co_return got;
}

TEST_F(MetricsHttpServerTest, GarbageClosesTheConnectionWithoutAnAnswer) {
  kb::test::run(io_, [this]() -> asio::awaitable<void> {
    auto s = co_await connect();
    co_await asio::async_write(s, asio::buffer(std::string("\x16\x03\x01 not http\r\n\r\n")), asio::use_awaitable);
    EXPECT_EQ(co_await read_to_close(s), "");
  }());
  EXPECT_EQ(request("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").result(), http::status::ok) << "still serving";
}

TEST_F(MetricsHttpServerTest, AnOversizedHeaderClosesTheConnection) {
  kb::test::run(io_, [this]() -> asio::awaitable<void> {
    auto s = co_await connect();
    std::string big = "GET /metrics HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
    boost::system::error_code ec;
    co_await asio::async_write(s, asio::buffer(big), asio::redirect_error(asio::use_awaitable, ec));
    EXPECT_EQ(co_await read_to_close(s), "");
  }());
}

TEST_F(MetricsHttpServerTest, StopClosesOpenConnections) {
  kb::test::run(io_, [this]() -> asio::awaitable<void> {
    auto s = co_await connect();
    co_await exchange(s, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    server_.stop();
    EXPECT_EQ(co_await read_to_close(s), "");
  }());
}

}  // namespace
}  // namespace kb::metrics
