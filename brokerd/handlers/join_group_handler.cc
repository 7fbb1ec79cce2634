#include "brokerd/handlers/join_group_handler.h"

#include "zkmeta/runtime/one_shot.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

asio::awaitable<protocol::join_group_response> handle_join_group(group_services& s, const server::request_context& ctx,
                                                                 protocol::join_group_request req) {
  group::join_request join;
  join.group_id = std::move(req.group_id);
  join.member_id = std::move(req.member_id);
  join.group_instance_id = std::move(req.group_instance_id);
  join.require_known_member_id = ctx.version() >= 4 && !join.group_instance_id;
  join.client_id = ctx.header.client_id.value_or("");
  join.client_host = client_host_of(ctx);
  join.session_timeout_ms = req.session_timeout_ms;
  join.rebalance_timeout_ms = ctx.version() == 0 ? req.session_timeout_ms : req.rebalance_timeout_ms;
  join.protocol_type = std::move(req.protocol_type);
  for (auto& p : req.protocols) join.protocols.push_back({std::move(p.name), std::move(p.metadata)});
  // A JoinGroup the coordinator drops unanswered (a newer JoinGroup of the same member took
  // its place) tells the client to find the coordinator and rejoin.
  protocol::join_group_response dropped = group::join_error(join.member_id, error_code::coordinator_not_available);
  co_return co_await kb::await_answer<protocol::join_group_response>(
      [&s, &join](group::join_callback answer) { s.coordinator.join_group(std::move(join), std::move(answer)); },
      std::move(dropped));
}

}  // namespace kb::handlers
