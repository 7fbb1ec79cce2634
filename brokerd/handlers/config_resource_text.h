#pragma once

#include <string>

#include "brokerd/protocol/messages/config_resource_type.h"

namespace kb::handlers {

// Config resources as Kafka prints them in error messages (ConfigResource.Type names and
// ConfigResource.toString); type ids Kafka does not define print as "UNKNOWN".
std::string config_resource_type_name(protocol::config_resource_type type);
// "ConfigResource(type=TOPIC, name='orders')"
std::string config_resource_text(protocol::config_resource_type type, const std::string& name);

}  // namespace kb::handlers
