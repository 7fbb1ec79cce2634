#pragma once

#include <cstdint>

namespace kb::protocol {

// Where a described config value comes from (DescribeConfigs v1+ config_source and synonym
// source; Kafka's DescribeConfigsResponse.ConfigSource). Synonyms are listed from the most
// to the least specific source.
enum class config_source : int8_t {
  unset = -1,  // the schema's placeholder default; never sent by a correct broker
  unknown = 0,
  dynamic_topic_config = 1,
  dynamic_broker_config = 2,
  dynamic_default_broker_config = 3,
  static_broker_config = 4,
  default_config = 5,
  dynamic_broker_logger_config = 6,
  client_metrics_config = 7,
};

}  // namespace kb::protocol
