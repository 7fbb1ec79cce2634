#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <vector>

#include "brokerd/handlers/alter_configs_checks.h"

namespace kb::handlers {

// The request loop AlterConfigs and IncrementalAlterConfigs share: alters each resource in
// request order with `alter(resource, repeated, validate_only)`, where `repeated` says
// another resource of the request has the same type and name; one response entry per
// resource, in the same order.
template <class Response, class Request, class Alter>
boost::asio::awaitable<Response> alter_each_resource(Request req, Alter alter) {
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
  co_return resp;
}

}  // namespace kb::handlers
