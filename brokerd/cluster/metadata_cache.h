#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/cluster/partition_state.h"
#include "log/types.h"

namespace kb::cluster {

struct broker_info {
  int32_t id = -1;
  std::string host;
  int32_t port = -1;
  std::optional<std::string> rack;
  bool operator==(const broker_info&) const = default;
};

struct topic_info {
  std::string name;
  std::string topic_id;
  std::map<int32_t, std::vector<int32_t>> assignment;  // partition -> replicas, preferred first
  std::map<int32_t, std::vector<int32_t>> removing;    // partition -> replicas being reassigned away
  std::map<int32_t, partition_state> partitions;       // leadership, once the controller wrote it
  std::map<std::string, std::string> config;           // topic overrides (/config/topics/<t>)
  bool marked_for_deletion = false;
};

// This broker's view of the cluster, as read from ZooKeeper: live brokers, the controller,
// topics with their assignments, leadership and config overrides. Plain data; the ZooKeeper
// watcher keeps it current and the request handlers read it.
class metadata_cache {
 public:
  void set_cluster_id(std::string id) { cluster_id_ = std::move(id); }
  const std::string& cluster_id() const { return cluster_id_; }
  void set_controller(int32_t id) { controller_id_ = id; }
  int32_t controller_id() const { return controller_id_; }

  void set_brokers(std::map<int32_t, broker_info> brokers) { brokers_ = std::move(brokers); }
  const std::map<int32_t, broker_info>& brokers() const { return brokers_; }
  const broker_info* broker(int32_t id) const;
  // Where broker `id` listens (its registered inter-broker endpoint), as a broker_connection's
  // address lookup wants it; nullopt while it is not known.
  std::optional<std::pair<std::string, int32_t>> address_of(int32_t id) const;
  bool is_alive(int32_t id) const { return brokers_.count(id) > 0; }

  topic_info& upsert_topic(const std::string& name);
  void remove_topic(const std::string& name) { topics_.erase(name); }
  const topic_info* topic(const std::string& name) const;
  topic_info* mutable_topic(const std::string& name);
  const std::map<std::string, topic_info>& topics() const { return topics_; }
  const partition_state* partition(const topic_partition& tp) const;

 private:
  std::string cluster_id_;
  int32_t controller_id_ = -1;
  std::map<int32_t, broker_info> brokers_;
  std::map<std::string, topic_info> topics_;
};

}  // namespace kb::cluster
