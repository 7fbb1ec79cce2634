#include "brokerd/handlers/heartbeat_handler.h"

namespace kb::handlers {

boost::asio::awaitable<protocol::heartbeat_response> handle_heartbeat(group_services& s, const server::request_context&,
                                                                      protocol::heartbeat_request req) {
  protocol::heartbeat_response r;
  r.error_code = s.coordinator.heartbeat(req.group_id, req.member_id, req.group_instance_id, req.generation_id);
  co_return r;
}

}  // namespace kb::handlers
