#pragma once

#include <cstdint>

namespace kb::protocol {

// The int8 resource type of DescribeConfigs, AlterConfigs and IncrementalAlterConfigs
// (Kafka's ConfigResource.Type). Not the ACL resource type, whose numbers differ. Decoding
// keeps any int8, so a handler answers an unknown type with an error instead of failing.
enum class config_resource_type : int8_t {
  unknown = 0,
  topic = 2,
  broker = 4,
  broker_logger = 8,
  client_metrics = 16,
};

}  // namespace kb::protocol
