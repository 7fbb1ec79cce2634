#include "brokerd/handlers/broker_config_view.h"

#include <algorithm>

#include "brokerd/handlers/topic_config_catalog.h"

namespace kb::handlers {

std::vector<broker_config_value> broker_config_values(const handler_settings& settings,
                                                      const cluster::topic_defaults& defaults) {
  using protocol::config_type;
  const handler_settings builtin_settings;
  const cluster::topic_defaults builtin_defaults;
  auto flag = [](bool b) { return std::string(b ? "true" : "false"); };

  std::vector<broker_config_value> out = {
      {"auto.create.topics.enable", flag(settings.auto_create_topics), flag(builtin_settings.auto_create_topics),
       config_type::boolean},
      // Kafka's default is -1 (generate an id); a running broker always has a real one.
      {"broker.id", std::to_string(settings.broker_id), "-1", config_type::int_type},
      {"default.replication.factor", std::to_string(settings.default_replication_factor),
       std::to_string(builtin_settings.default_replication_factor), config_type::int_type},
      {"num.partitions", std::to_string(settings.num_partitions), std::to_string(builtin_settings.num_partitions),
       config_type::int_type},
  };
  // message.max.bytes comes from here too (the synonym of max.message.bytes).
  for (const std::string& key : cluster::topic_config_keys()) {
    if (broker_synonym(key).empty()) continue;  // a topic-only key
    out.push_back({std::string(broker_synonym(key)), cluster::topic_config_default(defaults, key).value_or(""),
                   cluster::topic_config_default(builtin_defaults, key), topic_config_type(key)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace kb::handlers
