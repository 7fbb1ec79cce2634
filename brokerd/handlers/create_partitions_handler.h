#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/create_partitions.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// CreatePartitions (37), versions 0-1, answered by the controller only (others:
// NOT_CONTROLLER). Checks each topic as Kafka's KafkaApis and ZkAdminManager do (duplicates,
// deletion in progress, existence, the new count, an explicit assignment's brokers and
// size), adds the partitions through topic_admin and waits (up to timeout_ms) until every
// partition has a leader; those still without one get REQUEST_TIMED_OUT.
boost::asio::awaitable<protocol::create_partitions_response> handle_create_partitions(
    broker_services& services, const server::request_context& ctx, protocol::create_partitions_request request);

}  // namespace kb::handlers
