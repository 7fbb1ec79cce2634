#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <vector>

#include "brokerd/handlers/alter_configs_checks.h"
#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/response_buffer.h"
#include "brokerd/server/handler_registry.h"
#include "brokerd/server/request_context.h"

namespace kb::handlers {

// The request loop AlterConfigs and IncrementalAlterConfigs share: decode, then alter each
// resource in request order with `alter(resource, repeated, validate_only)`, where `repeated`
// says another resource of the request has the same type and name; one response entry per
// resource, in the same order. `ctx` must outlive the returned awaitable.
template <class Request, class Response, class Alter>
boost::asio::awaitable<server::handler_result> alter_each_resource(const server::request_context& ctx, Alter alter) {
  auto req = protocol::decode_body<Request>(ctx.body, ctx.version());
  std::vector<config_resource_key> keys;
  for (const auto& r : req.resources) keys.push_back(config_resource_key{r.resource_type, r.resource_name});
  const std::vector<bool> repeated = repeated_resources(keys);

  Response resp;
  for (size_t i = 0; i < req.resources.size(); ++i) {
    const auto& resource = req.resources[i];
    cluster::admin_result result = co_await alter(resource, repeated[i], req.validate_only);
    auto& r = resp.responses.emplace_back();
    r.error_code = result.error;
    r.error_message = result.message;
    r.resource_type = resource.resource_type;
    r.resource_name = resource.resource_name;
  }
  protocol::response_buffer out;
  resp.encode(out.w(), ctx.version());
  co_return out;
}

}  // namespace kb::handlers
