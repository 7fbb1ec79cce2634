#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "log/types.h"
#include "zkmeta/controller/full_assignment.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

class controller;

// The controller's partition reassignment state machine (KIP-455, Kafka's
// KafkaController.onPartitionReassignment with the ZooKeeper-era ISR path): moves a
// partition from its original replicas ORS to target replicas TRS. Steps, for [0,1] -> [2,3]
// led by 0 (RS/AR/RR are the topic znode's replicas/adding/removing, zookeeper.md 4.8):
//
//   U  topic znode RS [2,3,0,1] AR [2,3] RR [0,1]   brokers 2 and 3 create the replica and follow
//   A  state: leader epoch + 1                      (and again on every controller failover)
//      ... the leader adds 2 and 3 to the ISR as they catch up; the state znode watch wakes us
//   B  leader not in TRS (or dead): first live TRS member in the ISR leads, epoch + 1;
//      otherwise epoch + 1 with the same leader
//      each r in RR leaves the ISR (epoch + 1 each, as Kafka's OfflineReplica transition)
//      topic znode RS [2,3], no AR/RR                brokers 0 and 1 delete their replica
//      the partition leaves /admin/reassign_partitions (the znode is deleted when empty)
//
// The topic znode keeps ORS until the very end, so a new controller resumes from it: every
// partition with adding/removing replicas is in progress. Requests come from the
// /admin/reassign_partitions znode (acted on when it is created, as Kafka does; a later edit
// of it is ignored) and from the AlterPartitionReassignments API. Every write is fenced by the
// controller epoch. Runs inside the controller's serial event loop; io thread only.
class reassignments {
 public:
  explicit reassignments(controller& c);

  // A new controller term: forgets everything (watches of the old term are ignored).
  void reset();
  // Controller failover, once topics and states are loaded: resumes the reassignments the
  // topic znodes record and starts those the znode asks for.
  boost::asio::awaitable<void> on_startup();
  // /admin/reassign_partitions changed (or startup): re-arms the exists watch and, if this is
  // a znode not seen before (a new czxid), starts each listed partition and drops the invalid
  // ones from it. Returns the partitions started.
  boost::asio::awaitable<std::set<kb::topic_partition>> on_znode_event();
  // The state znode of a reassigning partition changed (its ISR grew): completes the move
  // once every target replica is in sync.
  boost::asio::awaitable<void> on_partition_state(const kb::topic_partition& tp);
  // Brokers came back: retries partitions that wait for them (as Kafka's onBrokerStartup).
  boost::asio::awaitable<void> on_brokers_joined(const std::set<int32_t>& joined);

  bool in_progress(const std::string& topic) const;
  const std::set<kb::topic_partition>& partitions() const { return in_progress_; }

 private:
  enum class write_outcome {
    applied,
    skipped,  // nothing to write
    fenced,   // a newer controller exists: this one stopped
    failed,   // ZooKeeper refused or was unreachable; retried on a later event
  };

  // Kafka's onPartitionReassignment: phase U, then A or B.
  boost::asio::awaitable<bool> reassign(const kb::topic_partition& tp, const full_assignment& next);
  // Phase B: the targets are in sync.
  boost::asio::awaitable<void> complete(const kb::topic_partition& tp, const full_assignment& current);
  boost::asio::awaitable<bool> targets_in_sync(const kb::topic_partition& tp, const full_assignment& a);
  boost::asio::awaitable<void> arm_state_watch(const kb::topic_partition& tp);
  // Removes `replica` from the ISR (leader -1 if it led), unless it is the last member.
  boost::asio::awaitable<write_outcome> remove_from_isr(const kb::topic_partition& tp, int32_t replica);
  // Writes the state znode as `change` makes it from the current state (re-read and retried
  // when the leader changed the ISR meanwhile). nullopt from `change`: nothing to write.
  template <class Change>
  boost::asio::awaitable<write_outcome> update_state(const kb::topic_partition& tp, Change change);
  boost::asio::awaitable<write_outcome> write_assignment(const kb::topic_partition& tp, const full_assignment& a);
  // Drops the partitions `drop` selects from /admin/reassign_partitions (deletes it if empty).
  template <class Pred>
  boost::asio::awaitable<write_outcome> remove_from_znode(Pred drop);
  boost::asio::awaitable<write_outcome> fenced(std::vector<zk_op> ops, const std::string& what);
  watch_callback znode_watch();
  boost::asio::awaitable<std::optional<leader_and_isr>> read_state(const kb::topic_partition& tp);
  std::string prefix() const;

  controller& c_;
  std::set<kb::topic_partition> in_progress_;
  std::set<kb::topic_partition> watched_;  // state znodes with an armed watch this term
  int64_t handled_czxid_ = -1;             // the /admin/reassign_partitions acted on
};

}  // namespace kb::zkmeta
