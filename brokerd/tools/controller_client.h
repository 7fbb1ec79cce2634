#pragma once

#include <chrono>
#include <string>

#include "brokerd/protocol/messages/elect_leaders.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {

// Sends controller-bound admin requests as Kafka's AdminClient does: it learns the controller
// from a bootstrap broker's Metadata (v1: controller id and broker addresses) and sends the
// request there, finding the controller again after a connection failure or a NOT_CONTROLLER
// answer (the controller moved), until `timeout` has passed since construction. Built on this
// project's codecs (librdkafka 2.0 has no ElectLeaders).
class controller_client {
 public:
  // The deadline passed without an answer; what() says what was tried last.
  class timeout_error : public command_error {
   public:
    using command_error::command_error;
  };

  // `bootstrap_servers`: host:port[,host:port...], already validated.
  controller_client(std::string bootstrap_servers, std::string client_id, std::chrono::milliseconds timeout);

  // ElectLeaders v1. Throws timeout_error.
  protocol::elect_leaders_response elect_leaders(const protocol::elect_leaders_request& request);

 private:
  std::string bootstrap_servers_;
  std::string client_id_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace kb::tools
