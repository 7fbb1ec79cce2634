#include "brokerd/handlers/describe_groups_handler.h"

namespace kb::handlers {

namespace {
// What an unauthenticated client may do to a group with no authorizer configured: every
// operation a group supports (Kafka's AclOperation codes READ 3, DELETE 6, DESCRIBE 8).
constexpr int32_t all_group_operations = (1 << 3) | (1 << 6) | (1 << 8);
}  // namespace

boost::asio::awaitable<protocol::describe_groups_response> handle_describe_groups(
    group_services& s, const server::request_context&, protocol::describe_groups_request req) {
  protocol::describe_groups_response r;
  for (const std::string& id : req.groups) {
    auto& g = r.groups.emplace_back(s.coordinator.describe_group(id));
    if (req.include_authorized_operations) g.authorized_operations = all_group_operations;
  }
  co_return r;
}

}  // namespace kb::handlers
