#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kb::zkmeta {

// A topic's assignment is one znode, /brokers/topics/<topic>, and ZooKeeper refuses a znode
// past jute.maxbuffer (1 MiB by default; it drops the connection that sends one). At one
// replica each, 100,000 partitions already encode past 1 MiB. A requested count is checked
// against this before anything is sized by it, so that no request makes a broker allocate
// for billions of partitions; an assignment that passes is then checked for its encoded size.
inline constexpr int32_t max_partitions_per_topic = 100'000;
// The largest topic znode written: jute.maxbuffer less room for the request around it.
inline constexpr size_t max_topic_znode_bytes = 1'000'000;

inline std::string too_many_partitions_message(int64_t requested) {
  return "Number of partitions " + std::to_string(requested) + " exceeds the maximum of " +
         std::to_string(max_partitions_per_topic) + " per topic (the assignment must fit in one ZooKeeper znode).";
}

}  // namespace kb::zkmeta
