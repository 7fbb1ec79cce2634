#include "brokerd/handlers/alter_configs_handler.h"

#include "brokerd/handlers/alter_configs_checks.h"
#include "brokerd/handlers/alter_each_resource.h"
#include "brokerd/protocol/messages/alter_configs.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::config_resource_type;
using protocol::error_code;
using request = protocol::alter_configs_request;

namespace {

// Kafka's order: ConfigAdminManager.preprocess, then ZkAdminManager.alterConfigs.
asio::awaitable<cluster::admin_result> alter(broker_services& s, const request::alter_configs_resource& resource,
                                             bool repeated, bool validate_only) {
  if (repeated) co_return cluster::admin_result{error_code::invalid_request, "Each resource must appear at most once."};
  std::vector<std::string> keys, null_keys;
  for (const auto& c : resource.configs) {
    keys.push_back(c.name);
    if (!c.value) null_keys.push_back(c.name);
  }
  if (auto e = check_unique_keys(keys)) co_return *e;
  if (auto e = check_no_null_values(null_keys)) co_return *e;

  switch (resource.resource_type) {
    case config_resource_type::broker:
      co_return refuse_broker_resource(resource.resource_name, s.settings.broker_id);
    case config_resource_type::topic: {
      const std::string& topic = resource.resource_name;
      if (auto e = check_topic_resource(topic, s.metadata.topic(topic) != nullptr)) co_return *e;
      std::map<std::string, std::string> config;
      for (const auto& c : resource.configs) config[c.name] = *c.value;
      if (auto problem = check_topic_configs(config)) co_return invalid_topic_config(topic, *problem);
      co_return co_await s.admin.set_topic_config(topic, config, validate_only);
    }
    case config_resource_type::unknown:
    case config_resource_type::broker_logger:  // not alterable through the legacy API
    case config_resource_type::client_metrics:
    default:
      co_return cluster::admin_result{error_code::invalid_request,
                                      "Unknown resource type " +
                                          std::to_string(static_cast<int>(resource.resource_type))};
  }
}

}  // namespace

asio::awaitable<protocol::alter_configs_response> handle_alter_configs(broker_services& s,
                                                                       const server::request_context&, request req) {
  // Not a coroutine itself: the loop's frame owns the request, and `s` outlives it.
  return alter_each_resource<protocol::alter_configs_response>(
      std::move(req), [&s](const request::alter_configs_resource& resource, bool repeated, bool validate_only) {
        return alter(s, resource, repeated, validate_only);
      });
}

}  // namespace kb::handlers
