#include "brokerd/handlers/incremental_alter_configs_handler.h"

#include <algorithm>
#include <sstream>

#include "brokerd/handlers/alter_configs_checks.h"
#include "brokerd/handlers/alter_each_resource.h"
#include "brokerd/handlers/topic_config_catalog.h"
#include "brokerd/protocol/messages/incremental_alter_configs.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::config_operation;
using protocol::config_resource_type;
using protocol::error_code;
using request = protocol::incremental_alter_configs_request;

namespace {

// Java's String.split(","): trailing empty strings are dropped.
std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

// Applies the operations to `config` as Kafka's ConfigAdminManager.prepareIncrementalConfigs
// does. A list key without an override starts from the broker default (Kafka takes LogConfig's
// built-in default here, which differs only when server.properties changed the key).
std::optional<cluster::admin_result> apply_operations(const broker_services& s,
                                                      const std::vector<request::alterable_config>& ops,
                                                      std::map<std::string, std::string>& config) {
  for (const auto& op : ops) {
    const std::string& key = op.name;
    switch (op.config_operation) {
      case config_operation::set:
        config[key] = *op.value;
        continue;
      case config_operation::remove:
        config.erase(key);
        continue;
      case config_operation::append:
      case config_operation::subtract:
        break;
      default:
        return cluster::admin_result{error_code::invalid_request,
                                     "Unknown config operation " + std::to_string(static_cast<int>(op.config_operation)) +
                                         " for config key: " + key};
    }
    const bool append = op.config_operation == config_operation::append;
    auto type = topic_config_type(key);
    if (type == protocol::config_type::unknown) {
      return cluster::admin_result{error_code::invalid_config, "Unknown config name: " + key};
    }
    if (type != protocol::config_type::list) {
      return cluster::admin_result{error_code::invalid_config, std::string("Config value ") +
                                                                   (append ? "append" : "subtract") +
                                                                   " is not allowed for config key: " + key};
    }
    auto current = config.find(key);
    std::vector<std::string> items = split_list(
        current != config.end() ? current->second : cluster::topic_config_default(s.topic_defaults, key).value_or(""));
    std::vector<std::string> operand = split_list(*op.value);
    if (append) {
      for (const auto& v : operand) {
        if (std::find(items.begin(), items.end(), v) == items.end()) items.push_back(v);
      }
    } else {
      std::erase_if(items, [&](const std::string& v) { return std::find(operand.begin(), operand.end(), v) != operand.end(); });
    }
    config[key] = join_list(items);
  }
  return std::nullopt;
}

// Kafka's order: ConfigAdminManager.preprocess, then ZkAdminManager.incrementalAlterConfigs.
asio::awaitable<cluster::admin_result> alter(broker_services& s, const request::alter_configs_resource& resource,
                                             bool repeated, bool validate_only) {
  if (repeated) co_return cluster::admin_result{error_code::invalid_request, "Each resource must appear at most once."};
  std::vector<std::string> keys, null_keys;
  for (const auto& c : resource.configs) {
    keys.push_back(c.name);
    if (!c.value && c.config_operation != config_operation::remove) null_keys.push_back(c.name);
  }
  if (auto e = check_unique_keys(keys)) co_return *e;
  if (auto e = check_no_null_values(null_keys)) co_return *e;

  switch (resource.resource_type) {
    case config_resource_type::broker:
      co_return refuse_broker_resource(resource.resource_name, s.settings.broker_id);
    case config_resource_type::broker_logger:
      co_return cluster::admin_result{error_code::invalid_request,
                                      "Broker logger configs are not supported by this broker"};
    case config_resource_type::topic: {
      const std::string& topic = resource.resource_name;
      const cluster::topic_info* info = s.metadata.topic(topic);
      if (auto e = check_topic_resource(topic, true)) co_return *e;  // the empty name first, as Kafka
      std::map<std::string, std::string> config = info ? info->config : std::map<std::string, std::string>{};
      if (auto e = apply_operations(s, resource.configs, config)) co_return *e;
      if (auto e = check_topic_resource(topic, info != nullptr)) co_return *e;
      if (auto problem = check_topic_configs(config)) co_return invalid_topic_config(topic, *problem);
      co_return co_await s.admin.set_topic_config(topic, config, validate_only);
    }
    case config_resource_type::unknown:
    case config_resource_type::client_metrics:
    default:
      co_return cluster::admin_result{error_code::invalid_request,
                                      "Unknown resource type " +
                                          std::to_string(static_cast<int>(resource.resource_type))};
  }
}

}  // namespace

asio::awaitable<protocol::incremental_alter_configs_response> handle_incremental_alter_configs(
    broker_services& s, const server::request_context&, request req) {
  // Not a coroutine itself: the loop's frame owns the request, and `s` outlives it.
  return alter_each_resource<protocol::incremental_alter_configs_response>(
      std::move(req), [&s](const request::alter_configs_resource& resource, bool repeated, bool validate_only) {
        return alter(s, resource, repeated, validate_only);
      });
}

}  // namespace kb::handlers
