#pragma once

#include <optional>
#include <string>
#include <vector>

#include "brokerd/tools/cluster_metadata.h"
#include "brokerd/tools/topic_admin.h"

namespace kb::tools {

// The lines of `kafka-topics --describe`, exactly as Kafka 3.5's TopicCommand prints them
// (TopicDescription / PartitionDescription .printDescription). Tabs separate the fields:
//
//   Topic: orders\tPartitionCount: 3\tReplicationFactor: 2\tConfigs: cleanup.policy=compact
//   \tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1,2
//
// Kafka adds "\tTopicId: <id>" after the name only when the id is known (not the zero UUID);
// this broker's Metadata (v8 at most) carries no topic ids, so neither does this output, just
// as Kafka's own tool prints against such a broker. "Leader: none" when the partition has no
// leader among the live brokers. "Configs:" lists the entries that are not defaults
// (Kafka's ConfigEntry.isDefault(), source DEFAULT_CONFIG), in the iteration order of Kafka's
// HashMap-backed Config (java_hash_map_order), or nothing after "Configs: " when there are none.

// "k=v,k=v" of the non-default entries.
std::string overridden_configs(const std::vector<config_entry_view>& entries);

std::string topic_line(const topic_view& topic, const std::vector<config_entry_view>& configs);
std::string partition_line(const std::string& topic, const partition_view& partition, const cluster_view& cluster);

// The partition filters of --describe: --under-replicated-partitions,
// --unavailable-partitions, --under-min-isr-partitions, --at-min-isr-partitions.
struct partition_report {
  bool under_replicated = false;
  bool unavailable = false;
  bool under_min_isr = false;
  bool at_min_isr = false;

  bool any() const { return under_replicated || unavailable || under_min_isr || at_min_isr; }
  // Kafka's DescribeOptions.maybePrintPartitionDescription decision. `min_isr` is the topic's
  // min.insync.replicas, if the broker reported it.
  bool selects(const partition_view& partition, std::optional<int> min_isr, const cluster_view& cluster) const;
};

}  // namespace kb::tools
