#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/group_services.h"
#include "brokerd/protocol/messages/offset_commit.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// OffsetCommit (8), versions 0-7: stores committed offsets in __consumer_offsets and answers
// once the ISR has them. Partitions of unknown topics get UNKNOWN_TOPIC_OR_PARTITION. The
// commit time is now (v1: the partition's commit_timestamp unless -1); v2-4's retention_time
// sets an expiry. v0, which Kafka kept in ZooKeeper, is stored like v1 here.
boost::asio::awaitable<protocol::offset_commit_response> handle_offset_commit(
    group_services& services, const server::request_context& ctx, protocol::offset_commit_request request);

}  // namespace kb::handlers
