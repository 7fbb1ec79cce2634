#include "replication/remote_leader_endpoint.h"

#include <boost/asio/use_awaitable.hpp>

#include "brokerd/protocol/api_key.h"

namespace kb::replication {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {
constexpr int16_t fetch_version = 11;
constexpr int16_t list_offsets_version = 5;
constexpr int16_t offset_for_leader_epoch_version = 3;
}  // namespace

remote_leader_endpoint::remote_leader_endpoint(asio::any_io_executor ex, address_lookup lookup, int32_t local_broker_id,
                                               std::chrono::milliseconds request_timeout)
    : connection_(std::move(ex), std::move(lookup), "broker-" + std::to_string(local_broker_id) + "-fetcher",
                  request_timeout) {}

void remote_leader_endpoint::close() { connection_.close(); }

awaitable<protocol::fetch_response> remote_leader_endpoint::fetch(protocol::fetch_request request) {
  protocol::wire_writer body;
  request.encode(body, fetch_version);
  auto bytes = co_await connection_.round_trip(static_cast<int16_t>(protocol::api_key::fetch), fetch_version,
                                   std::move(body).take());
  protocol::wire_reader r(bytes);
  co_return protocol::fetch_response::decode(r, fetch_version);
}

awaitable<protocol::list_offsets_response> remote_leader_endpoint::list_offsets(protocol::list_offsets_request request) {
  protocol::wire_writer body;
  request.encode(body, list_offsets_version);
  auto bytes = co_await connection_.round_trip(static_cast<int16_t>(protocol::api_key::list_offsets), list_offsets_version,
                                   std::move(body).take());
  protocol::wire_reader r(bytes);
  co_return protocol::list_offsets_response::decode(r, list_offsets_version);
}

awaitable<protocol::offset_for_leader_epoch_response> remote_leader_endpoint::offset_for_leader_epoch(
    protocol::offset_for_leader_epoch_request request) {
  protocol::wire_writer body;
  request.encode(body, offset_for_leader_epoch_version);
  auto bytes = co_await connection_.round_trip(static_cast<int16_t>(protocol::api_key::offset_for_leader_epoch),
                                               offset_for_leader_epoch_version, std::move(body).take());
  protocol::wire_reader r(bytes);
  co_return protocol::offset_for_leader_epoch_response::decode(r, offset_for_leader_epoch_version);
}

}  // namespace kb::replication
