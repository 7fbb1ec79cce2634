#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "zkmeta/runtime/async_event.h"
#include "brokerd/server/handler_registry.h"

namespace kb::server {

struct connection_limits {
  int32_t max_request_bytes = 104857600;  // socket.request.max.bytes
  size_t max_in_flight = 128;             // requests read but not yet answered
};

// One client connection: a reader coroutine that frames, checks and dispatches requests,
// and a writer coroutine that sends responses strictly in request order. Produce requests
// are pipelined: each handler runs as its own coroutine, started in arrival order, so what
// it does before its first suspension (the log append) happens in request order. Any other
// request starts only once every earlier request of the connection has its answer, as
// Kafka handles a connection's requests one at a time: its answer then describes the state
// when it is sent, not when it arrived (a Metadata answer queued for seconds behind an
// acks=all produce would otherwise reach the client stale, after fresher ones).
// A request still unanswered when another arrives behind it is told so
// (request_context::followed): a long-polling Fetch then answers at once instead of holding
// the later request up for up to its max_wait_ms.
// Malformed frames, oversized frames, unknown APIs and unsupported versions (except
// ApiVersions, which gets Kafka's UNSUPPORTED_VERSION reply) close the connection.
class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(boost::asio::ip::tcp::socket socket, const handler_registry& handlers, connection_limits limits);

  void start();
  // Stops reading; answers what was already read, then closes.
  void drain();
  // Closes at once.
  void close();
  const std::string& id() const { return id_; }
  bool closed() const { return closed_; }

 private:
  struct pending {
    int32_t correlation_id = 0;
    bool flexible_header = false;
    bool done = false;
    handler_result result;
    std::shared_ptr<request_context::follow_signal> followed;
  };

  boost::asio::awaitable<void> read_loop();
  boost::asio::awaitable<void> write_loop();
  boost::asio::awaitable<void> run_handler(std::shared_ptr<request_context> ctx, const api_handler* h,
                                           std::shared_ptr<pending> slot, bool waits_its_turn);
  bool earlier_ones_done(const pending& slot) const;
  // A request arrived: every one still unanswered before it is told (request_context::followed).
  void tell_unanswered_they_are_followed();
  boost::asio::awaitable<void> send(int32_t correlation_id, bool flexible_header, protocol::response_buffer body);
  boost::asio::awaitable<void> send_file(const log::file_slice& slice);
  void enqueue_unsupported_api_versions(int32_t correlation_id);

  boost::asio::ip::tcp::socket socket_;
  const handler_registry& handlers_;
  connection_limits limits_;
  std::string id_;
  std::deque<std::shared_ptr<pending>> queue_;
  async_event changed_;  // a slot completed, was sent, or the connection is closing
  bool reading_done_ = false;
  bool closed_ = false;
};

}  // namespace kb::server
