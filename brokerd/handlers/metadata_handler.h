#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// Metadata (3), versions 0-8: live brokers, the controller, and each topic's partitions with
// leader, leader epoch, replicas, ISR and offline replicas. Unknown topics are created when
// auto.create.topics.enable and the request allow it (answered LEADER_NOT_AVAILABLE until
// the controller elects leaders, as Kafka does).
boost::asio::awaitable<protocol::metadata_response> handle_metadata(broker_services& services,
                                                                   const server::request_context& ctx,
                                                                   protocol::metadata_request request);

}  // namespace kb::handlers
