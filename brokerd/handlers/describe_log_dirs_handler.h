#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/cluster/replica_manager.h"
#include "brokerd/protocol/messages/describe_log_dirs.h"
#include "brokerd/server/request_context.h"
#include "log/log_manager.h"

namespace kb::handlers {

// What DescribeLogDirs reads: the broker's log dirs and its replicas' high watermarks.
struct describe_log_dirs_deps {
  const log::log_manager& logs;
  cluster::replica_manager& replicas;
};

// DescribeLogDirs (35), versions 0-4, as Kafka's ReplicaManager.describeLogDirs answers it:
// every configured log dir by its absolute path; an offline one (an I/O error took it, KIP-112)
// with KAFKA_STORAGE_ERROR and no topics; a live one with every topic it holds and each of its
// logs (all, or those the request names): its size in bytes, its offset lag (the high
// watermark minus the log end, at least 0; -1 when the broker no longer hosts the replica)
// and, from v4, the filesystem's total and usable bytes (-1 when statfs fails). No log is
// ever a future one (no AlterReplicaLogDirs here).
boost::asio::awaitable<protocol::describe_log_dirs_response> handle_describe_log_dirs(
    describe_log_dirs_deps& deps, const server::request_context& ctx, protocol::describe_log_dirs_request request);

}  // namespace kb::handlers
