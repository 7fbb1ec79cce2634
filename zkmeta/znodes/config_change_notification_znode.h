#pragma once

// /config/changes/config_change_<seq>: persistent sequential; posted after an entity's config
// znode (/config/<type>/<name>) was rewritten, so every broker's config-change listener re-reads
// that entity. Kafka's ConfigEntityChangeNotificationSequenceZNode. Payload (a small Scala map,
// so insertion order):
//   {"version":2,"entity_path":"topics/orders"}
// entity_path forms: topics/<t>, brokers/<id>, brokers/<default>, clients/<c>, users/<u>,
// users/<u>/clients/<c>, ips/<ip>. The old v1 form {"version":1,"entity_type":"topics",
// "entity_name":"orders"} is still accepted on read. See ../shared/reference/zookeeper.md 1.3.8.

#include <string>
#include <string_view>

#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

namespace config_changes_znode {
inline std::string path() { return "/config/changes"; }
}  // namespace config_changes_znode

namespace config_change_notification_znode {

inline constexpr std::string_view prefix = "config_change_";
// path() is what to create with persistent_sequential; path(seq) names an existing child.
inline std::string path(std::string_view sequence_number = "") {
  return config_changes_znode::path() + "/" + std::string(prefix) + std::string(sequence_number);
}
// "config_change_0000000003" or a full path -> "0000000003".
std::string sequence_number(std::string_view name_or_path);

// The entity path of a topic's config: "topics/<t>".
inline std::string topic_entity_path(std::string_view topic) { return "topics/" + std::string(topic); }

std::string encode(std::string_view entity_path);
// The entity path; v1 payloads yield "<entity_type>/<entity_name>".
result<std::string> decode(std::string_view data);

}  // namespace config_change_notification_znode
}  // namespace kb::zkmeta
