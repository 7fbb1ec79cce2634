#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/protocol/messages/partition_reassignments.h"
#include "brokerd/server/request_context.h"
#include "zkmeta/controller/controller.h"

namespace kb::handlers {

// AlterPartitionReassignments (45) and ListPartitionReassignments (46), version 0 (KIP-455):
// served by the controller's broker through its reassignment state machine; any other broker
// answers NOT_CONTROLLER (clients send these to the controller Metadata names).
boost::asio::awaitable<protocol::alter_partition_reassignments_response> handle_alter_partition_reassignments(
    zkmeta::controller& controller, const server::request_context& ctx,
    protocol::alter_partition_reassignments_request request);
boost::asio::awaitable<protocol::list_partition_reassignments_response> handle_list_partition_reassignments(
    zkmeta::controller& controller, const server::request_context& ctx,
    protocol::list_partition_reassignments_request request);

}  // namespace kb::handlers
