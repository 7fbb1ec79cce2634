#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/alter_configs.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// AlterConfigs (33), versions 0-1. Whole-set replacement: a TOPIC resource's entries become
// the topic's complete override set (keys left out revert to the broker default). Every
// entry is validated first (INVALID_CONFIG with Kafka's message), then the set is written
// through topic_admin (not at all with validate_only). BROKER resources are refused with
// INVALID_REQUEST: this broker has no dynamic broker configs. Any broker may answer.
boost::asio::awaitable<protocol::alter_configs_response> handle_alter_configs(broker_services& services,
                                                                              const server::request_context& ctx,
                                                                              protocol::alter_configs_request request);

}  // namespace kb::handlers
