#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/wire_writer.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {

// One blocking TCP connection to a broker, speaking its protocol with the broker's own codecs
// (brokerd/protocol), for the admin APIs librdkafka 2.0 lacks (ElectLeaders,
// Alter/ListPartitionReassignments). One request at a time; every step gives up at the
// caller's deadline. Failures (resolving, connecting, the deadline, a closed connection, a
// malformed or unrelated response) throw wire_error. Tools reach the controller through
// controller_client, which builds on this.
class kafka_wire_client {
 public:
  using clock = std::chrono::steady_clock;

  class wire_error : public command_error {
   public:
    using command_error::command_error;
  };

  // Connects to "host:port" (split at the last colon).
  kafka_wire_client(const std::string& host_port, std::string client_id, clock::time_point deadline);
  ~kafka_wire_client();
  kafka_wire_client(const kafka_wire_client&) = delete;
  kafka_wire_client& operator=(const kafka_wire_client&) = delete;

  // Sends `request` as `key` at `version` (request header v2 and response header v1 when
  // `flexible`, else v1 and v0) and decodes the response.
  template <class Response, class Request>
  Response call(protocol::api_key key, int16_t version, bool flexible, const Request& request,
                clock::time_point deadline) {
    protocol::wire_writer body;
    request.encode(body, version);
    std::vector<std::byte> response = round_trip(key, version, flexible, std::move(body).take(), deadline);
    try {
      return protocol::decode_body<Response>(response, version);
    } catch (const protocol::decode_error& e) {
      throw wire_error("Malformed " + std::string(Response::message_name) + " from " + address_ + ": " + e.what());
    }
  }

  const std::string& address() const { return address_; }

 private:
  // Returns the response body (after the response header).
  std::vector<std::byte> round_trip(protocol::api_key key, int16_t version, bool flexible, std::vector<std::byte> body,
                                    clock::time_point deadline);
  void send_all(std::span<const std::byte> bytes, clock::time_point deadline);
  void receive_exactly(std::span<std::byte> bytes, clock::time_point deadline);

  std::string address_;
  std::string client_id_;
  int fd_ = -1;
  int32_t next_correlation_id_ = 1;
};

}  // namespace kb::tools
