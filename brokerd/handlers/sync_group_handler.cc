#include "brokerd/handlers/sync_group_handler.h"

#include "zkmeta/runtime/one_shot.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

asio::awaitable<protocol::sync_group_response> handle_sync_group(group_services& s, const server::request_context&,
                                                                 protocol::sync_group_request req) {
  group::sync_request sync;
  sync.group_id = std::move(req.group_id);
  sync.generation_id = req.generation_id;
  sync.member_id = std::move(req.member_id);
  sync.group_instance_id = std::move(req.group_instance_id);
  for (auto& a : req.assignments) sync.assignments[a.member_id] = std::move(a.assignment);  // a repeated id: the last
  // A SyncGroup dropped unanswered (its member left the group meanwhile) sends it back to JoinGroup.
  protocol::sync_group_response dropped = group::sync_error(error_code::rebalance_in_progress);
  co_return co_await kb::await_answer<protocol::sync_group_response>(
      [&s, &sync](group::sync_callback answer) { s.coordinator.sync_group(std::move(sync), std::move(answer)); },
      std::move(dropped));
}

}  // namespace kb::handlers
