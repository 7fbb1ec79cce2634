#pragma once

#include "brokerd/group/group_config.h"
#include "brokerd/group/group_coordinator.h"
#include "brokerd/handlers/broker_services.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// What the consumer-group handlers work with: the coordinator, its settings, and the broker's
// metadata and topic administration (FindCoordinator creates __consumer_offsets).
struct group_services {
  group::group_coordinator& coordinator;
  const group::group_config& config;
  broker_services& broker;
};

// "/<address>" of the client that sent the request, as Kafka reports a member's client host.
std::string client_host_of(const server::request_context& ctx);

}  // namespace kb::handlers
