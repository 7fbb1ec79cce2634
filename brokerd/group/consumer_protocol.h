#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kb::group {

// The topics of a consumer's subscription: the metadata a member of a "consumer" group sends
// with each protocol (Kafka's ConsumerProtocolSubscription: int16 version, then a classic
// array of topic strings, then fields the broker does not read). nullopt if it does not parse.
// The broker reads it only to know which topics a group consumes (OffsetDelete, offset expiry).
std::optional<std::vector<std::string>> subscription_topics(std::span<const std::byte> metadata);

}  // namespace kb::group
