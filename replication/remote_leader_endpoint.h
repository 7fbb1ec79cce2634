#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "replication/broker_connection.h"
#include "replication/leader_endpoint.h"

namespace kb::replication {

// A leader reached over TCP (a broker_connection) with the broker's own protocol codecs;
// requests time out after replica.socket.timeout.ms.
class remote_leader_endpoint final : public leader_endpoint {
 public:
  using address_lookup = broker_connection::address_lookup;

  remote_leader_endpoint(boost::asio::any_io_executor ex, address_lookup lookup, int32_t local_broker_id,
                         std::chrono::milliseconds request_timeout);

  boost::asio::awaitable<protocol::fetch_response> fetch(protocol::fetch_request request) override;
  boost::asio::awaitable<protocol::list_offsets_response> list_offsets(protocol::list_offsets_request request) override;
  boost::asio::awaitable<protocol::offset_for_leader_epoch_response> offset_for_leader_epoch(
      protocol::offset_for_leader_epoch_request request) override;
  void close() override;

 private:
  broker_connection connection_;
};

}  // namespace kb::replication
