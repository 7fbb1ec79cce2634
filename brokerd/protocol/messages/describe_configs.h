#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/messages/config_resource_type.h"
#include "brokerd/protocol/messages/config_source.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// DescribeConfigs (key 32), DescribeConfigsRequest/Response.json of Kafka 3.7; v4+ are
// flexible. v1 adds include_synonyms, config_source and synonyms (replacing is_default);
// v2 is v1; v3 adds include_documentation, config_type and documentation.
inline constexpr int16_t describe_configs_min_version = 0, describe_configs_max_version = 3;

// The data type of a config value (v3+ config_type; Kafka's DescribeConfigsResponse.ConfigType).
// Kafka's INT, SHORT, LONG, DOUBLE and CLASS carry a _type suffix here: they are C++ keywords.
enum class config_type : int8_t {
  unknown = 0,
  boolean = 1,
  string = 2,
  int_type = 3,
  short_type = 4,
  long_type = 5,
  double_type = 6,
  list = 7,
  class_type = 8,
  password = 9,
};

struct describe_configs_request {
  static constexpr std::string_view message_name = "DescribeConfigsRequest";

  struct describe_configs_resource {
    config_resource_type resource_type = config_resource_type::unknown;
    std::string resource_name;  // a topic name, a broker id in decimal, or "" for the cluster default
    // null = every key; Kafka's default for this nullable array is empty.
    std::optional<std::vector<std::string>> configuration_keys = std::vector<std::string>();
    friend bool operator==(const describe_configs_resource&, const describe_configs_resource&) = default;
  };

  std::vector<describe_configs_resource> resources;
  bool include_synonyms = false;       // v1+
  bool include_documentation = false;  // v3+

  static describe_configs_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const describe_configs_request&, const describe_configs_request&) = default;
};

struct describe_configs_response {
  static constexpr std::string_view message_name = "DescribeConfigsResponse";

  struct describe_configs_synonym {  // v1+
    std::string name;
    std::optional<std::string> value = std::string();  // Kafka's default is ""
    config_source source = config_source::unknown;
    friend bool operator==(const describe_configs_synonym&, const describe_configs_synonym&) = default;
  };
  struct describe_configs_resource_result {
    std::string name;
    std::optional<std::string> value = std::string();  // null for sensitive configs; Kafka's default is ""
    bool read_only = false;
    bool is_default = false;  // v0 only; v1+ derive it from config_source
    kb::protocol::config_source config_source = kb::protocol::config_source::unset;  // v1+
    bool is_sensitive = false;
    std::vector<describe_configs_synonym> synonyms;  // v1+
    kb::protocol::config_type config_type = kb::protocol::config_type::unknown;  // v3+
    std::optional<std::string> documentation = std::string();  // v3+; Kafka's default is ""
    friend bool operator==(const describe_configs_resource_result&, const describe_configs_resource_result&) = default;
  };
  struct describe_configs_result {
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    std::optional<std::string> error_message = std::string();  // null = no error; Kafka's default is ""
    config_resource_type resource_type = config_resource_type::unknown;
    std::string resource_name;
    std::vector<describe_configs_resource_result> configs;
    friend bool operator==(const describe_configs_result&, const describe_configs_result&) = default;
  };

  int32_t throttle_time_ms = 0;
  std::vector<describe_configs_result> results;

  static describe_configs_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const describe_configs_response&, const describe_configs_response&) = default;
};

}  // namespace kb::protocol
