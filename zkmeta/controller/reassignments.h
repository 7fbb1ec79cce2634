#pragma once

#include <boost/asio/awaitable.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "log/types.h"
#include "zkmeta/runtime/async_event.h"
#include "zkmeta/controller/controller.h"
#include "zkmeta/controller/full_assignment.h"
#include "zkmeta/znodes/reassign_partitions_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

// How one partition of an AlterPartitionReassignments request ended (brokerd maps these to
// Kafka's error codes; `message` is Kafka's wording).
enum class reassignment_error {
  none,
  invalid_replica_assignment,   // INVALID_REPLICA_ASSIGNMENT
  no_reassignment_in_progress,  // NO_REASSIGNMENT_IN_PROGRESS: cancelling what is not moving
  unknown_topic_or_partition,   // UNKNOWN_TOPIC_OR_PARTITION: no such partition, or its topic is being deleted
  failed,                       // UNKNOWN_SERVER_ERROR: ZooKeeper refused a write
};

struct reassignment_outcome {
  reassignment_error error = reassignment_error::none;
  std::string message;  // empty when none
};

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
  reassignments(controller& c, boost::asio::any_io_executor ex);

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

  // AlterPartitionReassignments (Kafka's processApiPartitionReassignment): a target per
  // partition, or nullopt to cancel (back to the original replicas). Validated as Kafka does;
  // an API request for a partition also listed in /admin/reassign_partitions supersedes that
  // entry. nullopt if this broker is not (or stops being) the controller. Any coroutine.
  using alter_request = std::map<kb::topic_partition, std::optional<std::vector<int32_t>>>;
  boost::asio::awaitable<std::optional<std::map<kb::topic_partition, reassignment_outcome>>> alter(alter_request request);
  // ListPartitionReassignments: the given partitions (every one in progress when nullopt)
  // that are being reassigned, with RS/AR/RR. nullopt if not the controller. Any coroutine.
  boost::asio::awaitable<std::optional<std::map<kb::topic_partition, full_assignment>>> list(
      std::optional<std::set<kb::topic_partition>> partitions);
  // Runs the API requests queued by alter()/list(); called from the controller's event loop.
  boost::asio::awaitable<void> on_api_requests();
  // The controller stopped: wakes alter()/list() callers, which answer nullopt.
  void on_stop();

  bool in_progress(const std::string& topic) const;
  const std::set<kb::topic_partition>& partitions() const { return in_progress_; }

 private:
  using write_outcome = controller::write_outcome;

  // Kafka's onPartitionReassignment: phase U, then A or B.
  boost::asio::awaitable<bool> reassign(const kb::topic_partition& tp, const full_assignment& next);
  // Phase B: the targets are in sync.
  boost::asio::awaitable<void> complete(const kb::topic_partition& tp, const full_assignment& current);
  boost::asio::awaitable<bool> targets_in_sync(const kb::topic_partition& tp, const full_assignment& a);
  boost::asio::awaitable<void> arm_state_watch(const kb::topic_partition& tp);
  // Removes `replica` from the ISR (leader -1 if it led), unless it is the last member.
  boost::asio::awaitable<write_outcome> remove_from_isr(const kb::topic_partition& tp, int32_t replica);
  boost::asio::awaitable<write_outcome> write_assignment(const kb::topic_partition& tp, const full_assignment& a);
  // Drops the partitions `drop` selects from /admin/reassign_partitions (deletes it if empty).
  boost::asio::awaitable<write_outcome> remove_from_znode(std::function<bool(const partition_reassignment&)> drop);
  watch_callback znode_watch();
  std::string prefix() const;
  std::optional<std::string> invalid_target(const kb::topic_partition& tp, const std::vector<int32_t>& target) const;
  boost::asio::awaitable<void> alter_now(const alter_request& request,
                                         std::map<kb::topic_partition, reassignment_outcome>& results);

  struct api_request {
    bool is_list = false;
    alter_request alter;
    std::optional<std::set<kb::topic_partition>> list_filter;
    std::map<kb::topic_partition, reassignment_outcome> alter_results;
    std::map<kb::topic_partition, full_assignment> list_results;
    bool done = false;
  };
  boost::asio::awaitable<bool> submit(const std::shared_ptr<api_request>& request);

  controller& c_;
  std::set<kb::topic_partition> in_progress_;
  std::set<kb::topic_partition> watched_;  // state znodes with an armed watch this term
  int64_t handled_czxid_ = -1;             // the /admin/reassign_partitions acted on
  std::deque<std::shared_ptr<api_request>> api_requests_;
  kb::async_event api_done_;
};

}  // namespace kb::zkmeta
