#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kb::replication {

// A client connection from this broker to another one, speaking the broker's own protocol:
// one request in flight, a per-request timeout enforced by a watchdog that closes the
// socket (a connect is bounded by the same timeout), and a lazy reconnect (to wherever the
// address lookup says) after a failure.
class broker_connection {
 public:
  // Where the peer listens, looked up on every (re)connect: it may move or be unknown yet.
  using address_lookup = std::function<std::optional<std::pair<std::string, int32_t>>()>;

  broker_connection(boost::asio::any_io_executor ex, address_lookup lookup, std::string client_id,
                    std::chrono::milliseconds request_timeout);

  // Sends one request (header v1) and returns the response body after the correlation id.
  // Throws on connection failure, timeout or a mismatched correlation id. A request that finds
  // its open connection closed by the peer is sent once more on a new one.
  boost::asio::awaitable<std::vector<std::byte>> round_trip(int16_t api_key, int16_t version,
                                                             std::vector<std::byte> body);
  // Closes the connection, or a connect in progress; a request waiting on either fails.
  void close();

 private:
  boost::asio::awaitable<void> ensure_connected();
  // Closes the socket if it is still connection number `connection` (not a newer one).
  void close_socket(uint64_t connection);
  boost::asio::awaitable<std::vector<std::byte>> attempt(int16_t api_key, int16_t version,
                                                          const std::vector<std::byte>& body);

  boost::asio::any_io_executor ex_;
  address_lookup lookup_;
  std::string client_id_;
  std::chrono::milliseconds timeout_;
  std::string host_;
  int32_t port_ = -1;
  std::optional<boost::asio::ip::tcp::socket> socket_;
  std::optional<boost::asio::ip::tcp::socket> connecting_;  // while a connect is under way
  uint64_t connection_id_ = 0;  // counts the connections made
  uint64_t closes_ = 0;         // close() calls, so a connect or resend in progress sees one
  int32_t next_correlation_id_ = 0;
};

}  // namespace kb::replication
