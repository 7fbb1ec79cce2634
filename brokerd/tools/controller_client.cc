#include "brokerd/tools/controller_client.h"

#include <algorithm>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"
#include "brokerd/tools/protocol_connection.h"

namespace kb::tools {
namespace {

using clock = std::chrono::steady_clock;
constexpr int16_t metadata_version = 1;  // the first with controller_id
constexpr int16_t elect_leaders_version = 1;
constexpr std::chrono::milliseconds retry_backoff{100};  // Kafka's retry.backoff.ms

struct address {
  std::string host;
  int32_t port = -1;
};

std::vector<address> parse_servers(const std::string& servers) {
  std::vector<address> out;
  size_t start = 0;
  while (start <= servers.size()) {
    size_t comma = servers.find(',', start);
    if (comma == std::string::npos) comma = servers.size();
    const std::string entry = servers.substr(start, comma - start);
    const size_t colon = entry.rfind(':');
    if (colon == std::string::npos) throw command_error("Invalid bootstrap server: " + entry);
    int32_t port = -1;
    try {
      port = std::stoi(entry.substr(colon + 1));
    } catch (const std::exception&) {
      throw command_error("Invalid port in bootstrap server: " + entry);
    }
    out.push_back({entry.substr(0, colon), port});
    start = comma + 1;
  }
  return out;
}

// The controller's address as a bootstrap broker knows it, or nullopt when it knows none.
std::optional<address> controller_address(const address& bootstrap, const std::string& client_id,
                                          clock::time_point deadline) {
  protocol_connection conn(bootstrap.host, bootstrap.port, client_id, deadline);
  protocol::metadata_request req;
  req.topics = std::vector<protocol::metadata_request_topic>{};  // brokers and controller only
  protocol::wire_writer body;
  req.encode(body, metadata_version);
  const auto bytes = conn.round_trip(static_cast<int16_t>(protocol::api_key::metadata), metadata_version,
                                     std::move(body).take(), deadline);
  protocol::wire_reader r(bytes);
  const auto resp = protocol::metadata_response::decode(r, metadata_version);
  for (const auto& b : resp.brokers) {
    if (b.node_id == resp.controller_id) return address{b.host, b.port};
  }
  return std::nullopt;
}

bool answered_not_controller(const protocol::elect_leaders_response& resp) {
  if (resp.error_code == protocol::error_code::not_controller) return true;
  bool any = false;
  for (const auto& t : resp.replica_election_results) {
    for (const auto& p : t.partition_result) {
      if (p.error_code != protocol::error_code::not_controller) return false;
      any = true;
    }
  }
  return any;
}

}  // namespace

controller_client::controller_client(std::string bootstrap_servers, std::string client_id,
                                     std::chrono::milliseconds timeout)
    : bootstrap_servers_(std::move(bootstrap_servers)),
      client_id_(std::move(client_id)),
      deadline_(clock::now() + timeout) {}

protocol::elect_leaders_response controller_client::elect_leaders(const protocol::elect_leaders_request& request) {
  const std::vector<address> bootstrap = parse_servers(bootstrap_servers_);
  if (bootstrap.empty()) throw command_error("No bootstrap server given");
  std::string last_problem = "no bootstrap server answered";
  for (size_t attempt = 0; clock::now() < deadline_; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::min(retry_backoff, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                                             deadline_ - clock::now())));
    const address& via = bootstrap[attempt % bootstrap.size()];
    try {
      std::optional<address> controller = controller_address(via, client_id_, deadline_);
      if (!controller) {
        last_problem = "no controller is known to " + via.host + ":" + std::to_string(via.port);
        continue;
      }
      protocol_connection conn(controller->host, controller->port, client_id_, deadline_);
      protocol::wire_writer body;
      request.encode(body, elect_leaders_version);
      const auto bytes = conn.round_trip(static_cast<int16_t>(protocol::api_key::elect_leaders),
                                         elect_leaders_version, std::move(body).take(), deadline_);
      protocol::wire_reader r(bytes);
      auto resp = protocol::elect_leaders_response::decode(r, elect_leaders_version);
      if (answered_not_controller(resp)) {
        last_problem = "broker " + controller->host + ":" + std::to_string(controller->port) + " is no longer the controller";
        continue;
      }
      return resp;
    } catch (const protocol_connection::connection_error& e) {
      last_problem = e.what();
    } catch (const protocol::decode_error& e) {
      last_problem = std::string("malformed response: ") + e.what();
    }
  }
  throw timeout_error(last_problem);
}

}  // namespace kb::tools
