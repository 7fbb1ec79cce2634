#include "brokerd/cluster/metadata_cache.h"

namespace kb::cluster {

const broker_info* metadata_cache::broker(int32_t id) const {
  auto it = brokers_.find(id);
  return it == brokers_.end() ? nullptr : &it->second;
}

std::optional<std::pair<std::string, int32_t>> metadata_cache::address_of(int32_t id) const {
  const broker_info* b = broker(id);
  if (!b) return std::nullopt;
  return std::pair{b->host, b->port};
}

topic_info& metadata_cache::upsert_topic(const std::string& name) {
  topic_info& t = topics_[name];
  t.name = name;
  return t;
}

const topic_info* metadata_cache::topic(const std::string& name) const {
  auto it = topics_.find(name);
  return it == topics_.end() ? nullptr : &it->second;
}

topic_info* metadata_cache::mutable_topic(const std::string& name) {
  auto it = topics_.find(name);
  return it == topics_.end() ? nullptr : &it->second;
}

const partition_state* metadata_cache::partition(const topic_partition& tp) const {
  const topic_info* t = topic(tp.topic);
  if (!t) return nullptr;
  auto it = t->partitions.find(tp.partition);
  return it == t->partitions.end() ? nullptr : &it->second;
}

}  // namespace kb::cluster
