#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/cluster/replica_manager.h"
#include "brokerd/cluster/replica_observer.h"
#include "brokerd/cluster/topic_config.h"
#include "zkmeta/metadata_watcher.h"
#include "zkmeta/runtime/delayed_operations.h"

namespace kb::cluster {

// Turns what the metadata watcher reads from ZooKeeper into this broker's state: the
// metadata cache that requests are answered from, and the local replicas (created, led,
// followed or deleted as the controller decided). The listener it returns is handed to the
// metadata watcher.
class metadata_applier {
 public:
  // Notifies `topic_waiters` under a topic's name each time that topic's metadata changes,
  // and tells `observer` of every local leadership change and topic deletion.
  metadata_applier(metadata_cache& cache, replica_manager& replicas, const topic_defaults& defaults,
                   kb::delayed_operations<std::string>& topic_waiters, replica_observer& observer,
                   std::string listener_name, std::function<int64_t()> now_ms);

  zkmeta::metadata_listener listener();

 private:
  void apply_brokers(const std::map<int32_t, zkmeta::broker_info>& brokers);
  void apply_topic(const std::string& topic, const std::optional<zkmeta::topic_assignment>& assignment);
  void apply_state(const topic_partition& tp, const zkmeta::leader_and_isr& s, int32_t zk_version);
  void apply_config(const std::string& topic, const zkmeta::config_entries& entries);
  void refresh_local(const topic_partition& tp);

  metadata_cache& cache_;
  replica_manager& replicas_;
  const topic_defaults& defaults_;
  kb::delayed_operations<std::string>& topic_waiters_;
  replica_observer& observer_;
  std::string listener_name_;
  std::function<int64_t()> now_ms_;
  std::set<std::string> inert_keys_noted_;  // topic config keys already logged as having no effect
};

}  // namespace kb::cluster
