#include "brokerd/tools/topic_description.h"

#include "brokerd/tools/comma_lists.h"
#include "brokerd/tools/java_hash_order.h"

namespace kb::tools {
namespace {

bool has_leader(const partition_view& p, const cluster_view& cluster) {
  return p.leader >= 0 && cluster.broker_alive(p.leader);
}

}  // namespace

std::string overridden_configs(const std::vector<config_entry_view>& entries) {
  std::vector<std::string> names;
  for (const config_entry_view& e : entries) names.push_back(e.name);
  std::string out;
  for (size_t i : java_hash_map_order(names)) {
    const config_entry_view& e = entries[i];
    if (e.is_default) continue;
    if (!out.empty()) out += ',';
    out += e.name + "=" + e.value.value_or("null");
  }
  return out;
}

std::string topic_line(const topic_view& topic, const std::vector<config_entry_view>& configs) {
  const size_t replication_factor = topic.partitions.empty() ? 0 : topic.partitions.front().replicas.size();
  return "Topic: " + topic.name + "\tPartitionCount: " + std::to_string(topic.partitions.size()) +
         "\tReplicationFactor: " + std::to_string(replication_factor) + "\tConfigs: " + overridden_configs(configs);
}

std::string partition_line(const std::string& topic, const partition_view& p, const cluster_view& cluster) {
  return "\tTopic: " + topic + "\tPartition: " + std::to_string(p.id) +
         "\tLeader: " + (has_leader(p, cluster) ? std::to_string(p.leader) : "none") +
         "\tReplicas: " + join_ids(p.replicas) + "\tIsr: " + join_ids(p.isr);
}

bool partition_report::selects(const partition_view& p, std::optional<int> min_isr, const cluster_view& cluster) const {
  if (!any()) return true;
  const int isr = static_cast<int>(p.isr.size());
  const bool leader = has_leader(p, cluster);
  if (under_replicated && static_cast<int>(p.replicas.size()) - isr > 0) return true;
  if (unavailable && !leader) return true;
  if (under_min_isr && (!leader || (min_isr && isr < *min_isr))) return true;
  if (at_min_isr && min_isr && isr == *min_isr) return true;
  return false;
}

}  // namespace kb::tools
