#include "brokerd/handlers/config_resource_text.h"

namespace kb::handlers {

std::string config_resource_type_name(protocol::config_resource_type type) {
  switch (type) {
    case protocol::config_resource_type::unknown: return "UNKNOWN";
    case protocol::config_resource_type::topic: return "TOPIC";
    case protocol::config_resource_type::broker: return "BROKER";
    case protocol::config_resource_type::broker_logger: return "BROKER_LOGGER";
    case protocol::config_resource_type::client_metrics: return "CLIENT_METRICS";
  }
  return "UNKNOWN";  // any other int8 the decoder kept
}

std::string config_resource_text(protocol::config_resource_type type, const std::string& name) {
  return "ConfigResource(type=" + config_resource_type_name(type) + ", name='" + name + "')";
}

}  // namespace kb::handlers
