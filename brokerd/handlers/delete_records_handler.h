#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/delete_records.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// DeleteRecords (21), versions 0-1: moves each partition's log start offset forward on its
// leader (offset -1 means the high watermark), deleting the segments wholly below it, and
// answers the new log start offset as the low watermark. Errors per partition, as Kafka's
// ReplicaManager.deleteRecordsOnLocalLog gives them: UNKNOWN_TOPIC_OR_PARTITION,
// INVALID_TOPIC_EXCEPTION (internal topics), NOT_LEADER_OR_FOLLOWER, POLICY_VIOLATION
// (cleanup.policy without "delete") and OFFSET_OUT_OF_RANGE (negative, or past the high
// watermark). Kafka answers once every follower has also moved its log start
// (DelayedDeleteRecords, bounded by timeout_ms); we answer once the leader has, and
// followers catch up from the log start offset in their next fetch response.
boost::asio::awaitable<protocol::delete_records_response> handle_delete_records(
    broker_services& services, const server::request_context& ctx, protocol::delete_records_request request);

}  // namespace kb::handlers
