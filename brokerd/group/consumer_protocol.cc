#include "brokerd/group/consumer_protocol.h"

#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/wire_reader.h"

namespace kb::group {

std::optional<std::vector<std::string>> subscription_topics(std::span<const std::byte> metadata) {
  try {
    protocol::wire_reader r(metadata);
    if (r.i16() < 0) return std::nullopt;  // the version: every one starts with the topics
    std::optional<int32_t> count = r.nullable_array_length(2);
    if (!count) return std::nullopt;
    std::vector<std::string> topics;
    for (int32_t i = 0; i < *count; ++i) topics.push_back(r.string());
    return topics;
  } catch (const protocol::decode_error&) {
    return std::nullopt;
  }
}

}  // namespace kb::group
