#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/protocol/messages/init_producer_id.h"
#include "brokerd/server/request_context.h"
#include "zkmeta/admin/producer_id_block.h"

namespace kb::handlers {

// InitProducerId (22), versions 0-1, for idempotent producers (KIP-98 without
// transactions): a null transactional id gets a new producer id from `producer_ids` (blocks
// of 1000 reserved in /latest_producer_id_block) and epoch 0, as Kafka's
// TransactionCoordinator.handleInitProducerId does. Any broker answers; no coordinator.
//
// This broker has no transaction coordinator, so a transactional id is refused:
//  * "" (empty): INVALID_REQUEST, exactly as Kafka;
//  * anything else: COORDINATOR_NOT_AVAILABLE, what Kafka answers while no coordinator can
//    serve the id (its __transaction_state partition is unavailable). It is retriable: a
//    transactional client keeps retrying until its own timeout and then fails with a
//    timeout, rather than with a misleading fatal error such as an authorization failure.
//    (Clients normally stop earlier: they need FindCoordinator, which is not served.)
// ZooKeeper failures while reserving a block answer COORDINATOR_NOT_AVAILABLE (retriable).
boost::asio::awaitable<protocol::init_producer_id_response> handle_init_producer_id(
    zkmeta::producer_id_allocator& producer_ids, const server::request_context& ctx,
    protocol::init_producer_id_request request);

}  // namespace kb::handlers
