#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>
#include <set>
#include <string>

#include "log/types.h"
#include "zkmeta/runtime/async_event.h"
#include "zkmeta/controller/offline_replicas.h"
#include "zkmeta/controller/preferred_leader.h"
#include "zkmeta/controller/replica_election.h"
#include "zkmeta/controller/replica_probe.h"
#include "zkmeta/znodes/controller_epoch_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_znode.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

class reassignments;

struct controller_settings {
  bool unclean_leader_election = false;  // unclean.leader.election.enable (topic config overrides)
  bool auto_leader_rebalance = true;     // auto.leader.rebalance.enable
  // leader.imbalance.check.interval.seconds: how often the imbalance is checked; Kafka's first
  // check comes 5 s after the broker becomes controller.
  std::chrono::milliseconds leader_imbalance_check_interval{300'000};
  std::chrono::milliseconds first_leader_imbalance_check{5'000};
  int32_t leader_imbalance_per_broker_percentage = 10;  // leader.imbalance.per.broker.percentage
  // How long a broker that did not answer a replica probe is left before it is asked again;
  // doubled after each miss up to the max.
  std::chrono::milliseconds replica_probe_backoff{1'000};
  std::chrono::milliseconds replica_probe_max_backoff{30'000};
};

// Told when the controller starts and finishes handling a change of live brokers: the event
// whose handling Kafka times as LeaderElectionRateAndTimeMs (the leader elections after
// brokers die or return).
class election_timer {
 public:
  virtual ~election_timer() = default;
  virtual void started() = 0;
  virtual void finished() = 0;
};

// The elected controller's brain (Kafka's KafkaController in ZooKeeper mode): one serial
// event queue fed by watches on /brokers/ids, /brokers/topics (and each topic),
// /admin/delete_topics, /isr_change_notification, /log_dir_event_notification,
// /admin/preferred_replica_election and /admin/reassign_partitions. It writes each partition's state znode (leader, leader_epoch,
// isr, controller_epoch) for new topics and partitions, moves leadership when brokers die or
// return or a replica's log dir fails, elects preferred leaders (on request, and periodically with
// auto.leader.rebalance.enable), and deletes topics. Brokers learn the decisions by watching
// the state znodes. Every write is fenced by the controller epoch: a multi that checks
// /controller_epoch's dataVersion, so a deposed controller changes nothing. Partition
// reassignment lives in its own state machine (reassignments.h), which runs inside this event
// loop and works on this controller's view.
class controller {
 public:
  struct cached_state {
    leader_and_isr state;
    int32_t zk_version = -1;
  };

  controller(zk_client& zk, kb::broker_id id, boost::asio::any_io_executor ex, controller_settings settings);
  ~controller();

  // Starts acting as controller for `epoch` (from the election).
  void start(controller_epoch epoch, int32_t epoch_zk_version);
  // Stops acting; queued events are dropped and watches already armed are ignored.
  void stop();
  bool active() const { return active_; }

  // Kafka's controlled shutdown: moves every partition `broker` leads (with more than one
  // replica) to another live ISR member that is not shutting down, and removes `broker`
  // from the ISRs it is in. Returns the partitions it still leads (none could take over),
  // or nullopt if this broker is not (or stopped being) the controller.
  boost::asio::awaitable<std::optional<std::vector<kb::topic_partition>>> controlled_shutdown(int32_t broker);

  // Kafka's ElectLeaders (controller side): elections of `type` for `partitions`, or for every
  // partition when nullopt. One result per partition asked for (per known partition when
  // nullopt), after the state znodes are written. nullopt if this broker is not (or stopped
  // being) the controller.
  using election_results = std::map<kb::topic_partition, election_result>;
  boost::asio::awaitable<std::optional<election_results>> elect_leaders(
      election_type type, std::optional<std::vector<kb::topic_partition>> partitions);

  // Test and tool visibility: the controller's view.
  const std::set<int32_t>& live_brokers() const { return live_; }
  const std::map<kb::topic_partition, cached_state>& states() const { return states_; }
  // Partitions whose reassignment is in progress.
  const std::set<kb::topic_partition>& reassigning() const;
  // Alter/ListPartitionReassignments enter here.
  zkmeta::reassignments& partition_reassignments() { return *reassignments_; }
  // Events processed so far (tests wait on this instead of sleeping).
  uint64_t events_processed() const { return events_processed_; }
  // Partitions without a live leader, as this controller sees them (Kafka's
  // OfflinePartitionsCount); 0 when not active.
  size_t offline_partitions() const;
  // Reports the handling of each broker change to `timer` (nullptr: to nobody). The timer must
  // stay alive until it is replaced or detached.
  void time_elections_with(election_timer* timer) { election_timer_ = timer; }
  // Asks brokers through `probe` which of their replicas sit in failed log dirs: every live
  // broker when this controller starts, and a broker that posts a log dir event (nullptr: no
  // one is asked, and no replica is ever taken for offline). Must outlive the controller.
  void probe_replicas_with(replica_probe* probe) { probe_ = probe; }
  // Test visibility: the replicas this controller knows to be in failed log dirs, and the
  // brokers it is asking about theirs.
  const zkmeta::offline_replicas& replicas_offline() const { return offline_; }
  size_t probes_running() const { return probing_.size(); }

 private:
  friend class reassignments;
  enum class event_kind { startup, broker_change, topic_change, topic_modified, delete_topics, isr_change,
                          controlled_shutdown, replica_election, preferred_replica_election_znode,
                          auto_leader_rebalance, reassign_partitions, reassignment_isr_change,
                          reassignment_requests, log_dir_event, replicas_probed };
  struct shutdown_request {
    int32_t broker = -1;
    std::vector<kb::topic_partition> remaining;
    bool done = false;
  };
  struct event {
    event_kind kind;
    std::string topic;
    int32_t partition = -1;
  };
  struct election_request {
    election_type type = election_type::preferred;
    std::optional<std::vector<kb::topic_partition>> partitions;  // nullopt: all
    uint64_t generation = 0;
    election_results results;
    bool done = false;
  };

  void enqueue(event e);
  watch_callback watch_for(event e);
  boost::asio::awaitable<void> run(uint64_t generation);
  boost::asio::awaitable<void> handle(const event& e);
  boost::asio::awaitable<void> on_startup();
  boost::asio::awaitable<void> on_broker_change();
  boost::asio::awaitable<void> on_topic_change();
  boost::asio::awaitable<void> on_topic_modified(const std::string& topic);
  boost::asio::awaitable<void> on_delete_topics();
  boost::asio::awaitable<void> on_isr_change();
  boost::asio::awaitable<void> on_controlled_shutdown();
  // Replica elections (controller_replica_election.cc).
  boost::asio::awaitable<void> on_replica_election();
  boost::asio::awaitable<void> on_preferred_replica_election_znode();
  boost::asio::awaitable<void> on_auto_leader_rebalance();
  void start_leader_rebalance_timer();
  boost::asio::awaitable<void> run_leader_rebalance_timer(uint64_t generation);
  boost::asio::awaitable<election_result> elect_partition(const kb::topic_partition& tp, election_type type);
  leadership_map leadership_view() const;
  // Live brokers that are not shutting down.
  std::set<int32_t> eligible_leaders() const;
  // Of those, the ones whose replica of `tp` is not in a failed log dir.
  std::set<int32_t> eligible_leaders(const kb::topic_partition& tp) const;
  // Live brokers whose replica of `tp` is not in a failed log dir (Kafka's isReplicaOnline).
  std::set<int32_t> online_replicas(const kb::topic_partition& tp) const;
  bool replica_online(const kb::topic_partition& tp, int32_t broker) const;

  // Failed log dirs (controller_log_dir_failures.cc).
  boost::asio::awaitable<void> on_log_dir_event();
  // Reads and deletes the log dir event notifications (re-arming the watch); the brokers they
  // name, or nullopt if this controller was fenced meanwhile.
  boost::asio::awaitable<std::optional<std::set<int32_t>>> take_log_dir_events();
  boost::asio::awaitable<void> on_replicas_probed();
  // Asks `broker` about every replica assigned to it, until it answers or leaves; one probe
  // per broker at a time (one asked for meanwhile runs after it), so answers apply in order.
  void start_probe(int32_t broker);
  boost::asio::awaitable<void> probe_until_answered(uint64_t generation, int32_t broker);
  std::vector<kb::topic_partition> replicas_on(int32_t broker) const;
  // Reads the registration (the czxid, Kafka's broker epoch) of every live broker; returns the
  // ones registered before whose registration changed: they restarted, or their session
  // expired and they registered again, between two reads of /brokers/ids (Kafka's bounced
  // brokers).
  boost::asio::awaitable<std::set<int32_t>> reregistered_brokers();
  // The czxid of /brokers/ids/<broker>: which registration of it is live; nullopt if none is.
  boost::asio::awaitable<std::optional<int64_t>> broker_epoch(int32_t broker);
  // "[Controller id=1 epoch=3] ", the prefix of this controller's log lines.
  std::string prefix() const;

  boost::asio::awaitable<void> load_topic(const std::string& topic);
  boost::asio::awaitable<void> init_partitions(const std::string& topic);
  boost::asio::awaitable<void> reelect();
  // What reelect() makes of `current`: a dead leader replaced (`unclean`: out of the ISR if
  // need be), dead ISR members dropped; nullopt if nothing changes.
  std::optional<leader_and_isr> reelection(const kb::topic_partition& tp, const leader_and_isr& current,
                                           bool unclean);
  // What a controlled shutdown of `broker` makes of `current`: its leadership moves to another
  // live ISR member that is not shutting down, and it leaves the ISR; nullopt if it is not
  // involved, or leads and no other ISR member can take over.
  std::optional<leader_and_isr> shutdown_move(const kb::topic_partition& tp, int32_t broker,
                                              const leader_and_isr& current);
  boost::asio::awaitable<bool> allow_unclean(const std::string& topic);
  boost::asio::awaitable<void> delete_topic(const std::string& topic);

  // Epoch-fenced writes (controller_fenced_writes.cc): every change of a state znode goes
  // through them, whether an election, a shutdown or a reassignment decides it.
  enum class write_outcome {
    applied,
    skipped,  // nothing to write
    fenced,   // a newer controller exists: this one stopped
    failed,   // ZooKeeper refused or was unreachable; retried on a later event
  };
  // The next state of a partition given its current one; nullopt: leave it as it is.
  using state_change = std::function<std::optional<leader_and_isr>(const leader_and_isr&)>;
  // Reads a partition's state znode into states_; nullopt if it is absent or unreadable.
  boost::asio::awaitable<std::optional<leader_and_isr>> read_state(const kb::topic_partition& tp);
  // Writes the state znode as `change` makes it from the cached state (read first if none),
  // conditional on its zkVersion and behind the epoch fence. When the znode changed since it
  // was cached (a leader's ISR update), reads it again and lets `change` decide again on what
  // is there now, as Kafka's partition state machine does: a decision is never rebased onto
  // an ISR it was not made on.
  boost::asio::awaitable<write_outcome> update_state(const kb::topic_partition& tp, state_change change);
  // Creates a new partition's state znode (and its parents); `failed` when it exists already
  // (then it is read into states_).
  boost::asio::awaitable<write_outcome> create_state(const kb::topic_partition& tp, const leader_and_isr& s);
  // Whether an epoch-checked multi failed its check of /controller_epoch's version (its first
  // op): only that means another controller was elected since.
  static bool epoch_moved_on(const multi_response& r);
  // Runs `ops` behind a check of /controller_epoch's version; `what` names them in the log.
  boost::asio::awaitable<write_outcome> fenced(std::vector<zk_op> ops, const std::string& what);

  zk_client& zk_;
  kb::broker_id id_;
  boost::asio::any_io_executor ex_;
  controller_settings settings_;
  bool active_ = false;
  uint64_t generation_ = 0;
  controller_epoch epoch_{0};
  int32_t epoch_zk_version_ = -1;
  std::deque<event> queue_;
  async_event wakeup_;
  uint64_t events_processed_ = 0;
  election_timer* election_timer_ = nullptr;
  std::deque<std::shared_ptr<shutdown_request>> shutdown_requests_;
  async_event shutdown_done_;
  std::set<int32_t> shutting_down_;  // excluded from leader elections until they leave
  std::deque<std::shared_ptr<election_request>> election_requests_;
  async_event election_done_;
  boost::asio::steady_timer leader_rebalance_timer_;

  std::set<int32_t> live_;
  // Of the live brokers, as last read (at startup and each broker change): a probe's answer
  // belongs to the registration recorded here when it was asked.
  std::map<int32_t, int64_t> broker_epochs_;
  replica_probe* probe_ = nullptr;
  zkmeta::offline_replicas offline_;
  // Brokers being probed, and whether another probe was asked for meanwhile.
  std::map<int32_t, bool> probing_;
  struct probed {
    int32_t broker = -1;
    int64_t broker_epoch = -1;  // the registration that was asked
    replica_probe_answer answer;
  };
  std::deque<probed> probe_answers_;  // answers not yet applied
  std::map<std::string, topic_assignment> topics_;
  std::map<kb::topic_partition, cached_state> states_;
  std::unique_ptr<reassignments> reassignments_;
};

}  // namespace kb::zkmeta
