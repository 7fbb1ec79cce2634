#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <vector>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/protocol/messages/elect_leaders.h"
#include "brokerd/server/request_context.h"
#include "zkmeta/controller/controller.h"

namespace kb::handlers {

// Runs elections on the controller (zkmeta::controller::elect_leaders): nullopt when this
// broker is not the controller.
using leader_elector = std::function<boost::asio::awaitable<std::optional<zkmeta::controller::election_results>>(
    zkmeta::election_type, std::optional<std::vector<kb::topic_partition>>)>;

// What ElectLeaders works with: the controller's elections (a function, so that tests can
// script the controller's side) and this broker's metadata, for a non-controller's answer.
struct elect_leaders_deps {
  leader_elector elect;
  const cluster::metadata_cache& metadata;
};

// ElectLeaders (43), versions 0-1, as Kafka's ZooKeeper-mode broker answers it: the
// controller's broker runs preferred (v0, or type 0) or unclean (type 1) elections and
// answers per partition once the state znodes are written; a null topic list means every
// partition, and then partitions that needed no election are left out of the answer. Any
// other broker answers NOT_CONTROLLER for each partition (every partition it knows, for a
// null list).
boost::asio::awaitable<protocol::elect_leaders_response> handle_elect_leaders(elect_leaders_deps& deps,
                                                                             const server::request_context& ctx,
                                                                             protocol::elect_leaders_request request);

}  // namespace kb::handlers
