#pragma once

#include <boost/asio/awaitable.hpp>

#include "brokerd/protocol/messages/fetch.h"
#include "brokerd/protocol/messages/list_offsets.h"
#include "brokerd/protocol/messages/offset_for_leader_epoch.h"

namespace kb::replication {

// The leader as a follower sees it (Kafka's LeaderEndPoint): Fetch and ListOffsets on its
// behalf. The real one talks TCP to another broker; tests use an in-memory fake.
// Failures (connection lost, timeout) throw; the fetcher backs off and retries.
class leader_endpoint {
 public:
  virtual ~leader_endpoint() = default;
  virtual boost::asio::awaitable<protocol::fetch_response> fetch(protocol::fetch_request request) = 0;
  virtual boost::asio::awaitable<protocol::list_offsets_response> list_offsets(protocol::list_offsets_request request) = 0;
  virtual boost::asio::awaitable<protocol::offset_for_leader_epoch_response> offset_for_leader_epoch(
      protocol::offset_for_leader_epoch_request request) = 0;
  // Drops the connection (the leader moved, or shutdown).
  virtual void close() = 0;
};

}  // namespace kb::replication
