#pragma once

// /admin/delete_topics/<topic>: persistent, null data; its existence means "delete requested".
// Created by the DeleteTopics handler, watched (children of /admin/delete_topics) and removed by
// the controller once the topic is gone. See ../shared/reference/zookeeper.md 1.3.11.

#include <optional>
#include <string>
#include <string_view>

namespace kb::zkmeta {

namespace delete_topics_znode {
inline std::string path() { return "/admin/delete_topics"; }
}  // namespace delete_topics_znode

namespace delete_topic_znode {
inline std::string path(std::string_view topic) { return delete_topics_znode::path() + "/" + std::string(topic); }
// The payload: null.
inline std::optional<std::string> encode() { return std::nullopt; }
}  // namespace delete_topic_znode

}  // namespace kb::zkmeta
