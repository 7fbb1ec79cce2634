#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/elect_leaders.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/protocol/messages/partition_reassignments.h"
#include "brokerd/tools/kafka_wire_client.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {

// Whether a controller-bound response says the broker asked is not (or no longer) the
// controller: NOT_CONTROLLER at the top level, or for every partition of ElectLeaders.
bool answered_not_controller(const protocol::elect_leaders_response& response);
bool answered_not_controller(const protocol::alter_partition_reassignments_response& response);
bool answered_not_controller(const protocol::list_partition_reassignments_response& response);

// Sends admin requests over this project's codecs as Kafka's AdminClient does, for the calls
// librdkafka 2.0 lacks (kafka-leader-election, kafka-reassign-partitions --bootstrap-server):
// Metadata to a bootstrap broker, and controller-bound requests to the controller, which it
// learns from a bootstrap broker's Metadata (controller id and broker addresses). A
// connection failure or a NOT_CONTROLLER answer (the controller moved) makes it find the
// controller again and retry after retry.backoff.ms, until the call's timeout has passed; then
// it throws timeout_error saying what failed last. The controller's connection is kept from
// one call to the next. Not thread-safe.
class controller_client {
 public:
  using clock = kafka_wire_client::clock;

  // A call's timeout passed without an answer; what() says what was tried last.
  class timeout_error : public command_error {
   public:
    using command_error::command_error;
  };

  // `bootstrap_servers`: host:port[,host:port...], already validated (validate_host_ports).
  // `timeout`: how long each call may take, retries included (default.api.timeout.ms).
  controller_client(const std::string& bootstrap_servers, std::string client_id, std::chrono::milliseconds timeout);
  ~controller_client();

  // Metadata v4 from the first bootstrap broker that answers (brokers, controller and the
  // topics `request` names; no auto-creation unless it asks for it).
  protocol::metadata_response metadata(const protocol::metadata_request& request);

  // Sends `request` to the controller as `key` at `version` (flexible: request header v2).
  template <class Response, class Request>
  Response call(protocol::api_key key, int16_t version, bool flexible, const Request& request) {
    const clock::time_point deadline = clock::now() + timeout_;
    for (int attempt = 0;; ++attempt) {
      wait_before_retry(attempt, deadline);
      try {
        kafka_wire_client* controller = controller_connection(deadline);
        if (controller == nullptr) continue;
        Response response = controller->call<Response>(key, version, flexible, request, deadline);
        if (!answered_not_controller(response)) return response;
        last_problem_ = "broker " + controller->address() + " is no longer the controller";
      } catch (const kafka_wire_client::wire_error& e) {
        last_problem_ = e.what();
      }
      controller_.reset();
    }
  }

 private:
  static constexpr int16_t metadata_version = 4;  // v1+: controller id; v4+: no auto-creation

  // Before attempt `attempt` (from 0): waits retry.backoff.ms, and throws timeout_error once
  // the deadline has passed.
  void wait_before_retry(int attempt, clock::time_point deadline);
  // One Metadata round trip to the next bootstrap broker in turn.
  protocol::metadata_response bootstrap_metadata(const protocol::metadata_request& request, clock::time_point deadline);
  // The controller's connection, found through Metadata if there is none; nullptr when the
  // bootstrap broker knows no controller (last_problem_ says so). Throws wire_error.
  kafka_wire_client* controller_connection(clock::time_point deadline);

  std::vector<std::string> bootstrap_;
  std::string client_id_;
  std::chrono::milliseconds timeout_;
  size_t next_bootstrap_ = 0;
  std::unique_ptr<kafka_wire_client> controller_;
  std::string last_problem_;
};

}  // namespace kb::tools
