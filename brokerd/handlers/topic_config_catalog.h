#pragma once

#include <string>
#include <string_view>

#include "brokerd/protocol/messages/describe_configs.h"

namespace kb::handlers {

// What DescribeConfigs says about each topic config key beyond its value: the broker key
// it defaults from (the first entry of Kafka's ServerTopicConfigSynonyms) and its data type
// (LogConfig's ConfigDef type). Keys this broker does not know give "" and config_type::unknown.
std::string_view broker_synonym(std::string_view topic_key);
protocol::config_type topic_config_type(std::string_view topic_key);

}  // namespace kb::handlers
