#include "brokerd/tools/controller_client.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "brokerd/tools/comma_lists.h"

namespace kb::tools {
namespace {

constexpr std::chrono::milliseconds retry_backoff{100};  // Kafka's retry.backoff.ms

}  // namespace

bool answered_not_controller(const protocol::elect_leaders_response& response) {
  if (response.error_code == protocol::error_code::not_controller) return true;
  bool any = false;
  for (const auto& t : response.replica_election_results) {
    for (const auto& p : t.partition_result) {
      if (p.error_code != protocol::error_code::not_controller) return false;
      any = true;
    }
  }
  return any;
}

bool answered_not_controller(const protocol::alter_partition_reassignments_response& response) {
  return response.error_code == protocol::error_code::not_controller;
}

bool answered_not_controller(const protocol::list_partition_reassignments_response& response) {
  return response.error_code == protocol::error_code::not_controller;
}

controller_client::controller_client(const std::string& bootstrap_servers, std::string client_id,
                                     std::chrono::milliseconds timeout)
    : bootstrap_(split_comma_list(bootstrap_servers)), client_id_(std::move(client_id)), timeout_(timeout) {
  if (bootstrap_.empty()) throw command_error("No bootstrap server given");
}

controller_client::~controller_client() = default;

void controller_client::wait_before_retry(int attempt, clock::time_point deadline) {
  if (attempt > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left > std::chrono::milliseconds::zero()) std::this_thread::sleep_for(std::min(retry_backoff, left));
  }
  if (clock::now() >= deadline) {
    throw timeout_error(last_problem_.empty() ? "no broker answered in time" : last_problem_);
  }
}

protocol::metadata_response controller_client::bootstrap_metadata(const protocol::metadata_request& request,
                                                                   clock::time_point deadline) {
  const std::string& server = bootstrap_[next_bootstrap_++ % bootstrap_.size()];
  kafka_wire_client bootstrap(server, client_id_, deadline);
  return bootstrap.call<protocol::metadata_response>(protocol::api_key::metadata, metadata_version, false, request,
                                                     deadline);
}

protocol::metadata_response controller_client::metadata(const protocol::metadata_request& request) {
  const clock::time_point deadline = clock::now() + timeout_;
  for (int attempt = 0;; ++attempt) {
    wait_before_retry(attempt, deadline);
    try {
      return bootstrap_metadata(request, deadline);
    } catch (const kafka_wire_client::wire_error& e) {
      last_problem_ = e.what();
    }
  }
}

kafka_wire_client* controller_client::controller_connection(clock::time_point deadline) {
  if (controller_) return controller_.get();
  protocol::metadata_request request;
  request.topics = std::vector<protocol::metadata_request_topic>{};  // brokers and controller only
  request.allow_auto_topic_creation = false;
  const protocol::metadata_response md = bootstrap_metadata(request, deadline);
  for (const auto& b : md.brokers) {
    if (b.node_id != md.controller_id) continue;
    controller_ = std::make_unique<kafka_wire_client>(b.host + ":" + std::to_string(b.port), client_id_, deadline);
    return controller_.get();
  }
  last_problem_ = "the cluster has no controller at the moment";
  return nullptr;
}

}  // namespace kb::tools
