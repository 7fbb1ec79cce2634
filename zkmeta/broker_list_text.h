#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kb::zkmeta {

// A list of broker ids as Kafka's logs print an ISR or a replica set: "[1,2,3]".
inline std::string bracketed_broker_list(const std::vector<int32_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "]";
}

}  // namespace kb::zkmeta
