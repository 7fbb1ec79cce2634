#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "replication/leader_endpoint.h"

namespace kb::replication {

// A leader reached over TCP with the broker's own protocol codecs: one request in flight,
// a timeout per request (replica.socket.timeout.ms) enforced by a watchdog timer that closes
// the socket. Reconnects lazily on the next request after a failure.
class remote_leader_endpoint final : public leader_endpoint {
 public:
  // Where the leader listens, looked up on every (re)connect: it may move or be unknown yet.
  using address_lookup = std::function<std::optional<std::pair<std::string, int32_t>>()>;

  remote_leader_endpoint(boost::asio::any_io_executor ex, address_lookup lookup, int32_t local_broker_id,
                         std::chrono::milliseconds request_timeout);

  boost::asio::awaitable<protocol::fetch_response> fetch(protocol::fetch_request request) override;
  boost::asio::awaitable<protocol::list_offsets_response> list_offsets(protocol::list_offsets_request request) override;
  void close() override;

 private:
  // Sends one framed request and returns the response body (after the correlation id).
  boost::asio::awaitable<std::vector<std::byte>> round_trip(int16_t api_key, int16_t version,
                                                             std::vector<std::byte> body);
  boost::asio::awaitable<void> ensure_connected();

  boost::asio::any_io_executor ex_;
  address_lookup lookup_;
  std::string host_;
  int32_t port_ = -1;
  std::string client_id_;
  std::chrono::milliseconds timeout_;
  std::optional<boost::asio::ip::tcp::socket> socket_;
  int32_t next_correlation_id_ = 0;
};

}  // namespace kb::replication
