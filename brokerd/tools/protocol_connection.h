#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kb::tools {

// A blocking client connection speaking the broker's protocol with this project's own codecs,
// for the admin calls librdkafka 2.0 does not offer (ElectLeaders). One request at a time;
// every step is bounded by the caller's deadline.
//
// Throws connection_error when the broker cannot be reached, the deadline passes, or the
// answer is not a response to the request sent.
class protocol_connection {
 public:
  using clock = std::chrono::steady_clock;

  class connection_error : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
  };

  protocol_connection(std::string host, int32_t port, std::string client_id, clock::time_point deadline);

  // Sends one request (header v1) and returns the response body after the correlation id.
  std::vector<std::byte> round_trip(int16_t api_key, int16_t version, const std::vector<std::byte>& body,
                                    clock::time_point deadline);

  const std::string& host() const { return host_; }
  int32_t port() const { return port_; }

 private:
  // Runs the io_context until `done` or the deadline; on the deadline closes the socket.
  void run_until_done(const bool& done, clock::time_point deadline, const char* what);

  std::string host_;
  int32_t port_;
  std::string client_id_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_{io_};
  int32_t next_correlation_id_ = 0;
};

}  // namespace kb::tools
