#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "zkmeta/znodes/topic_znode.h"

namespace kb::zkmeta {

// One partition's replica assignment including an ongoing reassignment, as the topic znode
// records it (Kafka's controller ReplicaAssignment, KIP-455): RS = `replicas`, AR = `adding`,
// RR = `removing`. Pure data; the reassignment state machine (reassignments.h) drives it.
//
// Lists are sets in a meaningful order: while a partition moves from ORS to TRS,
// RS = (TRS ++ ORS) distinct, target first, so RS[0] is already the new preferred leader;
// AR = RS - ORS and RR = RS - TRS keep RS's order. E.g. [1,2,3] -> [3,4,2] is recorded as
// RS [3,4,2,1], AR [4], RR [1].
struct full_assignment {
  std::vector<int32_t> replicas;
  std::vector<int32_t> adding;
  std::vector<int32_t> removing;

  // ORS = RS - AR and TRS = RS - RR.
  std::vector<int32_t> origin() const;
  std::vector<int32_t> target() const;
  bool being_reassigned() const { return !adding.empty() || !removing.empty(); }
  // Kafka's reassignTo: moving from this assignment's origin to `target` (which replaces any
  // target in progress; a cancellation is reassign_to(origin())).
  full_assignment reassign_to(const std::vector<int32_t>& target) const;

  // The entry of `partition` in a topic znode; nullopt if the partition does not exist.
  static std::optional<full_assignment> of(const topic_assignment& topic, int32_t partition);
  // Writes this as the entry of `partition`: "adding_replicas"/"removing_replicas" hold the
  // partition only while it is being reassigned, as Kafka's TopicZNode.encode does.
  void store(topic_assignment& topic, int32_t partition) const;

  bool operator==(const full_assignment&) const = default;
};

// `from` without the members of `remove`, order kept (Scala's Seq.diff on distinct lists).
std::vector<int32_t> without(const std::vector<int32_t>& from, const std::vector<int32_t>& remove);

// Kafka's reassignment leader election (ReassignPartitionLeaderElectionStrategy): the first
// target replica that is alive and in the ISR; nullopt if none is.
std::optional<int32_t> reassignment_leader(const std::vector<int32_t>& target, const std::vector<int32_t>& isr,
                                           const std::set<int32_t>& live);

}  // namespace kb::zkmeta
