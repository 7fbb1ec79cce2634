#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kb::zkmeta {

// Kafka's topic name rules (Topic.validate): 1..249 characters of [a-zA-Z0-9._-], not "." or
// "..". Returns the error message Kafka gives, or nullopt when valid.
std::optional<std::string> validate_topic_name(std::string_view name);

// Topics whose names differ only in '.' versus '_' collide in metric names; Kafka refuses
// to create the second one. Both map to the same folded name.
std::string fold_topic_name(std::string_view name);

}  // namespace kb::zkmeta
