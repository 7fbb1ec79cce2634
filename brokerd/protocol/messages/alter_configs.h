#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/messages/config_resource_type.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// AlterConfigs (key 33), AlterConfigsRequest/Response.json of Kafka 3.7; v2+ are flexible.
// v0 and v1 share one layout. Semantics are whole-set replacement: keys of the resource
// that the request leaves out revert to their defaults.
inline constexpr int16_t alter_configs_min_version = 0, alter_configs_max_version = 1;

struct alter_configs_request {
  static constexpr std::string_view message_name = "AlterConfigsRequest";

  struct alterable_config {
    std::string name;
    std::optional<std::string> value = std::string();  // Kafka's default is ""
    friend bool operator==(const alterable_config&, const alterable_config&) = default;
  };
  struct alter_configs_resource {
    config_resource_type resource_type = config_resource_type::unknown;
    std::string resource_name;
    std::vector<alterable_config> configs;
    friend bool operator==(const alter_configs_resource&, const alter_configs_resource&) = default;
  };

  std::vector<alter_configs_resource> resources;
  bool validate_only = false;

  static alter_configs_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const alter_configs_request&, const alter_configs_request&) = default;
};

struct alter_configs_response {
  static constexpr std::string_view message_name = "AlterConfigsResponse";

  struct alter_configs_resource_response {
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    std::optional<std::string> error_message = std::string();  // null = no error; Kafka's default is ""
    config_resource_type resource_type = config_resource_type::unknown;
    std::string resource_name;
    friend bool operator==(const alter_configs_resource_response&, const alter_configs_resource_response&) = default;
  };

  int32_t throttle_time_ms = 0;
  std::vector<alter_configs_resource_response> responses;

  static alter_configs_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const alter_configs_response&, const alter_configs_response&) = default;
};

}  // namespace kb::protocol
