#pragma once

// Kafka's persistent top-level znodes (KafkaZkClient.createTopLevelPaths / ZkData's
// PersistentZkPaths): every broker creates them at startup, in this order, with null data,
// parents included, "already exists" ignored. See ../shared/reference/zookeeper.md 1.2.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

inline constexpr std::array<std::string_view, 14> persistent_zk_paths = {
    "/consumers",
    "/brokers/ids",
    "/brokers/topics",
    "/config/changes",
    "/admin/delete_topics",
    "/brokers/seqid",
    "/isr_change_notification",
    "/latest_producer_id_block",
    "/log_dir_event_notification",
    "/config/topics",
    "/config/clients",
    "/config/users",
    "/config/brokers",
    "/config/ips",
};

// Creates `path` as a persistent znode holding `data` unless it exists; missing parents are
// created first with null data (Kafka's createRecursive). An existing node is left untouched.
// `zk` must outlive the returned awaitable.
awaitable<result<void>> ensure_path(zk_client& zk, std::string path, std::optional<std::string> data = std::nullopt);

// ensure_path() for every entry of persistent_zk_paths, in order; stops at the first error.
awaitable<result<void>> ensure_persistent_paths(zk_client& zk);

}  // namespace kb::zkmeta
