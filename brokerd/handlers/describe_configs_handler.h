#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/describe_configs.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// DescribeConfigs (32), versions 0-3, as Kafka's ConfigHelper answers it in ZooKeeper mode:
//  * TOPIC: every known topic config key (or the requested ones; unknown keys are left
//    out), valued by the topic's override (DYNAMIC_TOPIC_CONFIG) or the broker default
//    (STATIC_BROKER_CONFIG when server.properties changed it, else DEFAULT_CONFIG).
//  * BROKER "<this broker's id>": the static broker configs, all read-only. BROKER "" (the
//    cluster-wide dynamic defaults) is empty: this broker has no dynamic broker configs.
//  * anything else: INVALID_REQUEST.
// v0 has no config_source; its is_default is true for DEFAULT_CONFIG values.
boost::asio::awaitable<protocol::describe_configs_response> handle_describe_configs(
    broker_services& services, const server::request_context& ctx, protocol::describe_configs_request request);

}  // namespace kb::handlers
