#include "brokerd/handlers/list_groups_handler.h"

namespace kb::handlers {

boost::asio::awaitable<protocol::list_groups_response> handle_list_groups(group_services& s,
                                                                          const server::request_context&,
                                                                          protocol::list_groups_request) {
  protocol::list_groups_response r;
  std::tie(r.error_code, r.groups) = s.coordinator.list_groups();
  co_return r;
}

}  // namespace kb::handlers
