#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/create_topics.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// CreateTopics (19), versions 0-4, answered by the controller only (others: NOT_CONTROLLER,
// and clients retry at the controller). Each topic is checked as Kafka's KafkaApis and
// ZkAdminManager do, written through topic_admin, and the answer waits (up to timeout_ms)
// until every new partition has a leader in the metadata cache; topics still without
// leaders then get REQUEST_TIMED_OUT, as does every created topic when timeout_ms <= 0.
boost::asio::awaitable<protocol::create_topics_response> handle_create_topics(broker_services& services,
                                                                             const server::request_context& ctx,
                                                                             protocol::create_topics_request request);

}  // namespace kb::handlers
