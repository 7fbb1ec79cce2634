#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/delete_topics.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// DeleteTopics (20), versions 0-3, answered by the controller only (others: NOT_CONTROLLER).
// Topics unknown to the metadata cache get UNKNOWN_TOPIC_OR_PARTITION; the rest are marked
// for deletion through topic_admin, and the answer waits (up to timeout_ms) until they are
// gone from the metadata cache. Those still present then get REQUEST_TIMED_OUT, as does
// every marked topic when timeout_ms <= 0 (Kafka's DelayedDeleteTopics). With
// delete.topic.enable=false the admin answers TOPIC_DELETION_DISABLED, which versions 0-2
// cannot carry: they get INVALID_REQUEST, as in Kafka.
boost::asio::awaitable<protocol::delete_topics_response> handle_delete_topics(broker_services& services,
                                                                              const server::request_context& ctx,
                                                                              protocol::delete_topics_request request);

}  // namespace kb::handlers
