#include "brokerd/handlers/describe_configs_handler.h"

#include <algorithm>
#include <charconv>

#include "brokerd/handlers/broker_config_view.h"
#include "brokerd/handlers/config_resource_text.h"
#include "brokerd/handlers/topic_config_catalog.h"
#include "brokerd/protocol/messages/describe_configs.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::config_resource_type;
using protocol::config_source;
using protocol::error_code;
using request = protocol::describe_configs_request;
using response = protocol::describe_configs_response;

namespace {

// Kafka: a null or empty key list means every key.
bool wanted(const request::describe_configs_resource& resource, const std::string& key) {
  const auto& keys = resource.configuration_keys;
  return !keys || keys->empty() || std::find(keys->begin(), keys->end(), key) != keys->end();
}

response::describe_configs_resource_result make_entry(std::string name, std::string value, config_source source,
                                                      bool read_only, protocol::config_type type,
                                                      std::vector<response::describe_configs_synonym> synonyms,
                                                      bool include_synonyms) {
  response::describe_configs_resource_result e;
  e.name = std::move(name);
  e.value = std::move(value);
  e.read_only = read_only;
  e.is_default = source == config_source::default_config;
  e.config_source = source;
  e.is_sensitive = false;
  if (include_synonyms) e.synonyms = std::move(synonyms);
  e.config_type = type;
  e.documentation = std::nullopt;  // we have no per-key documentation; Kafka's null means "none"
  return e;
}

void describe_topic(const broker_services& s, const request& req, const request::describe_configs_resource& resource,
                    response::describe_configs_result& out) {
  const cluster::topic_info* topic = s.metadata.topic(resource.resource_name);
  if (!topic) {
    out.error_code = error_code::unknown_topic_or_partition;  // Kafka sets no message here
    return;
  }
  const cluster::topic_defaults builtin;
  for (const std::string& key : cluster::topic_config_keys()) {
    if (!wanted(resource, key)) continue;
    // Most specific first (Kafka's synonym order): the topic override, the broker's value,
    // then the built-in default when the broker's value came from server.properties.
    std::vector<response::describe_configs_synonym> synonyms;
    auto override_it = topic->config.find(key);
    if (override_it != topic->config.end()) {
      synonyms.push_back({key, override_it->second, config_source::dynamic_topic_config});
    }
    std::string broker_key(broker_synonym(key));
    std::string broker_value = cluster::topic_config_default(s.topic_defaults, key).value_or("");
    std::optional<std::string> builtin_value = cluster::topic_config_default(builtin, key);
    // A key without a broker-wide synonym has only its topic override as a synonym.
    if (!broker_key.empty()) {
      if (broker_value != builtin_value) synonyms.push_back({broker_key, broker_value, config_source::static_broker_config});
      if (builtin_value) synonyms.push_back({broker_key, *builtin_value, config_source::default_config});
    }

    // Every known key has a built-in default.
    std::string value = synonyms.empty() ? builtin_value.value_or("") : synonyms.front().value.value_or("");
    config_source source = synonyms.empty() ? config_source::default_config : synonyms.front().source;
    out.configs.push_back(
        make_entry(key, value, source, false, topic_config_type(key), std::move(synonyms), req.include_synonyms));
  }
}

void describe_broker(const broker_services& s, const request& req, const request::describe_configs_resource& resource,
                     response::describe_configs_result& out) {
  const std::string& name = resource.resource_name;
  if (name.empty()) return;  // the cluster-wide dynamic defaults: there are none
  int32_t id = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
  if (ec != std::errc{} || end != name.data() + name.size()) {
    out.error_code = error_code::invalid_request;
    out.error_message = "Broker id must be an integer, but it is: " + name;
    return;
  }
  if (id != s.settings.broker_id) {
    // Kafka's broker would forward to the right one; ours answers only for itself.
    out.error_code = error_code::invalid_request;
    out.error_message = "Unexpected broker id, expected " + std::to_string(s.settings.broker_id) +
                        " or empty string, but received " + name;
    return;
  }
  for (auto& c : broker_config_values(s.settings, s.topic_defaults)) {
    if (!wanted(resource, c.name)) continue;
    std::vector<response::describe_configs_synonym> synonyms;
    if (c.statically_set()) synonyms.push_back({c.name, c.value, config_source::static_broker_config});
    if (c.builtin_default) synonyms.push_back({c.name, *c.builtin_default, config_source::default_config});
    config_source source = c.statically_set() ? config_source::static_broker_config : config_source::default_config;
    out.configs.push_back(make_entry(c.name, c.value, source, true, c.type, std::move(synonyms), req.include_synonyms));
  }
}

}  // namespace

asio::awaitable<response> handle_describe_configs(broker_services& s, const server::request_context&, request req) {
  response resp;
  for (const auto& resource : req.resources) {
    auto& r = resp.results.emplace_back();
    r.resource_type = resource.resource_type;
    r.resource_name = resource.resource_name;
    switch (resource.resource_type) {
      case config_resource_type::topic:
        describe_topic(s, req, resource, r);
        break;
      case config_resource_type::broker:
        describe_broker(s, req, resource, r);
        break;
      case config_resource_type::unknown:
      case config_resource_type::broker_logger:
      case config_resource_type::client_metrics:
      default:
        r.error_code = error_code::invalid_request;
        r.error_message = "Unsupported resource type: " + config_resource_type_name(resource.resource_type);
        break;
    }
  }
  co_return resp;
}

}  // namespace kb::handlers
