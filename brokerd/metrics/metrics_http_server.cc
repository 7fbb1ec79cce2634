#include "brokerd/metrics/metrics_http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <glog/logging.h>

#include <chrono>

#include "zkmeta/runtime/task_end.h"

namespace kb::metrics {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

http::response<http::string_body> answer(const http::request<http::string_body>& req, const metrics_registry& registry) {
  http::response<http::string_body> res;
  res.version(req.version());
  res.keep_alive(req.keep_alive());
  res.set(http::field::server, "kafka-broker");
  const bool get = req.method() == http::verb::get || req.method() == http::verb::head;
  std::string_view target(req.target().data(), req.target().size());
  target = target.substr(0, target.find('?'));
  if (!get) {
    res.result(http::status::method_not_allowed);
    res.set(http::field::allow, "GET, HEAD");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "Only GET and HEAD: this endpoint is read-only.\n";
  } else if (target != "/metrics") {
    res.result(http::status::not_found);
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "Not found. Metrics are at /metrics.\n";
  } else {
    res.result(http::status::ok);
    res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.body() = registry.scrape();
  }
  res.prepare_payload();
  if (req.method() == http::verb::head) res.body().clear();  // Content-Length stays the GET's
  return res;
}

}  // namespace

struct metrics_http_server::session {
  explicit session(asio::ip::tcp::socket socket) : stream(std::move(socket)) {}

  // `self` keeps the session alive while it serves (the server holds only weak references).
  static asio::awaitable<void> serve(std::shared_ptr<session> self, const metrics_registry& registry) {
    beast::tcp_stream& stream = self->stream;
    beast::flat_buffer buffer;
    while (true) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(8192);
      parser.body_limit(8192);
      stream.expires_after(std::chrono::seconds(60));
      boost::system::error_code ec;
      co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;  // closed, idle too long, or not HTTP
      http::request<http::string_body> req = parser.release();
      http::response<http::string_body> res = answer(req, registry);
      const bool keep = res.keep_alive();
      co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !keep) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream.close();
  }

  beast::tcp_stream stream;
};

metrics_http_server::metrics_http_server(const asio::any_io_executor& ex, const asio::ip::tcp::endpoint& endpoint,
                                         const metrics_registry& registry)
    : acceptor_(ex), registry_(registry) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

metrics_http_server::~metrics_http_server() { stop(); }

void metrics_http_server::start() {
  asio::co_spawn(acceptor_.get_executor(), accept_loop(),
                 log_task_end("Metrics endpoint accept loop", google::GLOG_WARNING));
}

asio::awaitable<void> metrics_http_server::accept_loop() {
  while (acceptor_.is_open()) {
    boost::system::error_code ec;
    asio::ip::tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
      LOG(WARNING) << "Metrics endpoint: accept failed: " << ec.message();
      continue;
    }
    if (!acceptor_.is_open()) break;  // accepted just before stop(): the socket closes with this scope
    auto s = std::make_shared<session>(std::move(socket));
    std::erase_if(sessions_, [](const std::weak_ptr<session>& w) { return w.expired(); });
    sessions_.push_back(s);
    asio::co_spawn(acceptor_.get_executor(), session::serve(s, registry_),
                   log_task_end("Metrics endpoint connection", google::GLOG_WARNING));
  }
}

void metrics_http_server::stop() {
  boost::system::error_code ec;
  acceptor_.close(ec);
  for (auto& w : sessions_) {
    if (auto s = w.lock()) s->stream.socket().close(ec);
  }
  sessions_.clear();
}

}  // namespace kb::metrics
