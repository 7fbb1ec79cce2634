#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/incremental_alter_configs.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// IncrementalAlterConfigs (44), version 0. For a TOPIC resource, starts from the topic's
// current overrides and applies each operation in order: SET a value, DELETE a key (revert
// to the broker default), APPEND to / SUBTRACT from a list-typed key (cleanup.policy is the
// only one; elsewhere INVALID_CONFIG). The result is validated as a whole and written
// through topic_admin (not at all with validate_only). BROKER and BROKER_LOGGER resources
// are refused with INVALID_REQUEST. Any broker may answer.
boost::asio::awaitable<protocol::incremental_alter_configs_response> handle_incremental_alter_configs(
    broker_services& services, const server::request_context& ctx, protocol::incremental_alter_configs_request request);

}  // namespace kb::handlers
