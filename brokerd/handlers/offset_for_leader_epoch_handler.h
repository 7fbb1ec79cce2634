#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/offset_for_leader_epoch.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// OffsetForLeaderEpoch (23), versions 0-3 (KIP-101, KIP-279, KIP-320): per partition, the
// largest leader epoch <= the requested one and the offset where it ends, from the leader's
// epoch cache. Followers ask it to find where their log diverges; consumers (KIP-320) to
// check their position after a leader change. Only the leader answers, for both (Kafka's
// ReplicaManager.lastOffsetForLeaderEpoch with fetchOnlyFromLeader). Per-partition errors:
//  * not hosted here: NOT_LEADER_OR_FOLLOWER if the partition exists, else
//    UNKNOWN_TOPIC_OR_PARTITION;
//  * current_leader_epoch (v2+, -1 = not checked) older than ours: FENCED_LEADER_EPOCH,
//    newer: UNKNOWN_LEADER_EPOCH (checked before leadership, as Kafka does);
//  * not the leader: NOT_LEADER_OR_FOLLOWER.
// An epoch the cache cannot place answers NONE with epoch -1 and end offset -1.
boost::asio::awaitable<protocol::offset_for_leader_epoch_response> handle_offset_for_leader_epoch(
    broker_services& services, const server::request_context& ctx, protocol::offset_for_leader_epoch_request request);

}  // namespace kb::handlers
