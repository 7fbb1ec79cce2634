#pragma once

// Elections asked for by an operator (Kafka's ReplicaLeaderElection controller event, fed by the
// ElectLeaders API and by /admin/preferred_replica_election): the two election types and the
// per-partition decision, as pure functions. The controller applies the decision with an
// epoch-fenced write of the partition's state znode.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "log/types.h"
#include "zkmeta/controller/leader_election.h"
#include "zkmeta/controller/preferred_leader.h"

namespace kb::zkmeta {

// Kafka's ElectionType.
enum class election_type {
  preferred,  // move leadership to the preferred replica (first of the assignment) if it is in sync
  unclean,    // give a leaderless partition a leader, out of sync if no ISR member is alive
};

// How one partition's election ended. The API handler turns these into Kafka error codes.
enum class election_outcome {
  elected,                  // the state znode now names the new leader
  not_needed,               // preferred: the preferred replica leads; unclean: a live leader exists
  preferred_not_available,  // the preferred replica is dead, shutting down or out of the ISR
  eligible_not_available,   // unclean: no live replica at all
  unknown_partition,        // no such topic or partition
  reassignment_in_progress, // preferred: the partition is being reassigned; its reassignment moves the leader
  controller_moved,         // a newer controller fenced this one off; nothing was written
  zookeeper_error,          // reading or writing the state znode failed
};

struct election_result {
  election_outcome outcome = election_outcome::elected;
  std::string message;  // Kafka's text for failures; empty otherwise
  bool operator==(const election_result&) const = default;
};

// Kafka's processReplicaLeaderElection filter: preferred elections are needed when the
// preferred replica does not lead; unclean ones when the partition has no live leader.
bool election_needed(election_type type, const partition_leadership& current, const std::set<int32_t>& live);

// The new leader and ISR for `type`, or nullopt when no replica may lead:
//  * preferred: the preferred replica if it is eligible and in the ISR; the ISR is unchanged;
//  * unclean: Kafka's offline election with unclean allowed: the first eligible ISR member in
//    assignment order (ISR = its eligible members), else the first eligible replica (ISR = it).
// `eligible` are the live brokers that are not shutting down.
std::optional<leader_choice> plan_election(election_type type, const partition_leadership& current,
                                           const std::set<int32_t>& eligible);

// Kafka's message for a partition no replica could be elected for: "Failed to elect leader for
// partition t-0 under strategy PreferredReplicaPartitionLeaderElectionStrategy".
std::string election_failure_message(election_type type, const kb::topic_partition& tp);

// "PREFERRED" / "UNCLEAN", as Kafka prints ElectionType.
const char* to_string(election_type type);

}  // namespace kb::zkmeta
