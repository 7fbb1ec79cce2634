#pragma once

// /config/topics/<topic>: persistent; a topic's config overrides (Kafka's ConfigEntityZNode for
// entity type "topics"): {"version":1,"config":{"flush.messages":"1"}}. Values are strings; a topic
// created with defaults gets {"version":1,"config":{}}. The "config" map is a java.util.Properties,
// so its keys come out in Java 11+ ConcurrentHashMap order (jvm_map_order.h), e.g.
// compression.type, cleanup.policy, segment.bytes. See ../shared/reference/zookeeper.md 1.3.7.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

// (name, value) pairs; encode() takes them in insertion order, decode() returns them in file order.
using config_entries = std::vector<std::pair<std::string, std::string>>;

namespace config_topics_znode {
inline std::string path() { return "/config/topics"; }
}  // namespace config_topics_znode

namespace topic_config_znode {

inline std::string path(std::string_view topic) { return config_topics_znode::path() + "/" + std::string(topic); }
// A later duplicate name overrides the earlier value (Properties.setProperty).
std::string encode(const config_entries& config);
result<config_entries> decode(std::string_view data);

}  // namespace topic_config_znode
}  // namespace kb::zkmeta
