#include "brokerd/handlers/delete_groups_handler.h"

namespace kb::handlers {

boost::asio::awaitable<protocol::delete_groups_response> handle_delete_groups(group_services& s,
                                                                              const server::request_context&,
                                                                              protocol::delete_groups_request req) {
  std::map<std::string, protocol::error_code> errors = s.coordinator.delete_groups(req.groups_names);
  protocol::delete_groups_response r;
  for (const std::string& id : req.groups_names) r.results.push_back({id, errors.at(id)});
  co_return r;
}

}  // namespace kb::handlers
