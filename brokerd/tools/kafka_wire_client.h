#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/wire_writer.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {

// A minimal synchronous Kafka client over one TCP connection, for the admin APIs librdkafka
// lacks (Alter/ListPartitionReassignments): one request at a time, encoded and decoded with
// the broker's own codecs (brokerd/protocol). Failures (connect, timeout, a malformed
// response) throw command_error.
class kafka_wire_client {
 public:
  // Connects to "host:port" with `timeout` for the connect and for each request.
  kafka_wire_client(const std::string& host_port, std::chrono::milliseconds timeout, std::string client_id);
  ~kafka_wire_client();
  kafka_wire_client(const kafka_wire_client&) = delete;
  kafka_wire_client& operator=(const kafka_wire_client&) = delete;

  // Sends `request` as `key` at `version` (request header v2 and response header v1 when
  // `flexible`) and decodes the response.
  template <class Response, class Request>
  Response call(protocol::api_key key, int16_t version, bool flexible, const Request& request) {
    protocol::wire_writer body;
    request.encode(body, version);
    std::vector<std::byte> response = round_trip(key, version, flexible, std::move(body).take());
    try {
      return protocol::decode_body<Response>(response, version);
    } catch (const protocol::decode_error& e) {
      throw command_error("Malformed " + std::string(Response::message_name) + " from " + address_ + ": " + e.what());
    }
  }

 private:
  // Returns the response body (after the response header).
  std::vector<std::byte> round_trip(protocol::api_key key, int16_t version, bool flexible, std::vector<std::byte> body);
  void send_all(std::span<const std::byte> bytes);
  void receive_exactly(std::span<std::byte> bytes);

  std::string address_;
  std::string client_id_;
  std::chrono::milliseconds timeout_;
  int fd_ = -1;
  int32_t next_correlation_id_ = 1;
};

}  // namespace kb::tools
