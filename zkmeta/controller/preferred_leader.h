#pragma once

// The preferred-leader policy of Kafka's controller (KafkaController.checkAndTriggerAutoLeaderRebalance
// and PartitionLeaderElectionAlgorithms.preferredReplicaPartitionLeaderElection), as pure
// functions over the controller's view, so it can be tested without ZooKeeper.
//
// The preferred replica of a partition is the first broker of its assignment. Kafka assigns
// replicas so that preferred replicas are spread evenly over brokers; leadership drifts away
// when a broker dies and does not come back by itself when it returns. These functions say
// where it should go back.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "log/types.h"

namespace kb::zkmeta {

// What the policy knows of one partition: its assignment and current leadership.
struct partition_leadership {
  std::vector<int32_t> replicas;  // the assignment, preferred replica first
  int32_t leader = -1;            // -1: offline
  std::vector<int32_t> isr;
  // A reassignment is moving the partition: `replicas` is RS = TRS ++ ORS, and leadership is
  // the reassignment's to move (its last step elects a target replica), not the rebalance's.
  bool being_reassigned = false;
  bool operator==(const partition_leadership&) const = default;
};
using leadership_map = std::map<kb::topic_partition, partition_leadership>;

// The preferred replica when it can lead now: it is `eligible` (alive and not shutting down)
// and in the ISR; nullopt otherwise (no replicas, dead, or out of sync).
std::optional<int32_t> eligible_preferred_leader(const std::vector<int32_t>& replicas, const std::vector<int32_t>& isr,
                                                 const std::set<int32_t>& eligible);

// The partitions one broker is the preferred replica of, and those of them it does not lead.
struct broker_imbalance {
  int32_t broker = -1;
  int32_t preferred_count = 0;                 // partitions whose preferred replica is `broker`
  std::vector<kb::topic_partition> not_led;    // of those, the ones led by another broker or by none
  // Kafka's "leader imbalance ratio": not_led / preferred_count.
  double ratio() const { return preferred_count == 0 ? 0.0 : static_cast<double>(not_led.size()) / preferred_count; }
};

// One entry per broker that is the preferred replica of at least one partition, by broker id.
std::vector<broker_imbalance> leader_imbalance(const leadership_map& partitions);

// checkAndTriggerAutoLeaderRebalance's choice: for every broker whose imbalance ratio is above
// imbalance_percentage / 100 (leader.imbalance.per.broker.percentage), the partitions it does
// not lead whose preferred replica can lead now and that are not being reassigned. Sorted;
// empty when the cluster is balanced enough. The ratio counts every partition, reassigned or
// not, as Kafka's does. Kafka 2.x-3.3 skip the whole rebalance while any partition is being
// reassigned and 3.4+ (KAFKA-10149) skip none; skipping just the moving ones keeps a long
// reassignment from blocking the rest, and never makes an adding replica leader (which a
// superseding reassignment could then remove, leaving the partition leaderless: KAFKA-14808).
std::vector<kb::topic_partition> partitions_to_rebalance(const leadership_map& partitions,
                                                         const std::set<int32_t>& eligible,
                                                         int32_t imbalance_percentage);

}  // namespace kb::zkmeta
