#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/find_coordinator.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// FindCoordinator (10), versions 0-2: the broker that leads the __consumer_offsets partition
// of the group (abs(javaHash(group)) % offsets.topic.num.partitions). The first request
// creates __consumer_offsets (offsets.topic.num.partitions partitions, replication factor
// offsets.topic.replication.factor, cleanup.policy=compact), refused while fewer brokers are
// alive than that factor; until the partition has a leader the answer is
// COORDINATOR_NOT_AVAILABLE, which clients retry. Transaction coordinators (key type 1) do
// not exist here: COORDINATOR_NOT_AVAILABLE.
boost::asio::awaitable<protocol::find_coordinator_response> handle_find_coordinator(
    group_services& services, const server::request_context& ctx, protocol::find_coordinator_request request);

}  // namespace kb::handlers
