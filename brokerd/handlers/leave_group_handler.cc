#include "brokerd/handlers/leave_group_handler.h"

namespace kb::handlers {
using protocol::error_code;

boost::asio::awaitable<protocol::leave_group_response> handle_leave_group(group_services& s,
                                                                          const server::request_context& ctx,
                                                                          protocol::leave_group_request req) {
  if (ctx.version() < 3) req.members = {{req.member_id, std::nullopt}};
  group::leave_result left = s.coordinator.leave_group(req.group_id, req.members);
  protocol::leave_group_response r;
  r.error_code = left.error;
  if (ctx.version() >= 3) {
    r.members = std::move(left.members);
  } else if (r.error_code == error_code::none && !left.members.empty()) {
    r.error_code = left.members.front().error_code;  // one member: its error is the answer
  }
  co_return r;
}

}  // namespace kb::handlers
