// The controller's replica elections (Kafka's ReplicaLeaderElection and
// AutoPreferredReplicaLeaderElection events): on request through the ElectLeaders API, on the
// legacy /admin/preferred_replica_election znode, and periodically when a broker leads too few
// of the partitions it is the preferred replica of. The policy is in preferred_leader.h and
// replica_election.h; this file applies it with epoch-fenced writes of the state znodes.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <algorithm>
#include <sstream>

#include "zkmeta/controller/comma_separated.h"
#include "zkmeta/controller/controller.h"
#include "zkmeta/runtime/task_end.h"
#include "zkmeta/znodes/preferred_replica_election_znode.h"

namespace kb::zkmeta {
namespace asio = boost::asio;

namespace {

election_outcome unavailable(election_type type) {
  return type == election_type::preferred ? election_outcome::preferred_not_available
                                          : election_outcome::eligible_not_available;
}

}  // namespace

leadership_map controller::leadership_view() const {
  leadership_map out;
  for (const auto& [tp, cached] : states_) {
    auto topic = topics_.find(tp.topic);
    if (topic == topics_.end()) continue;
    auto replicas = topic->second.partitions.find(tp.partition);
    if (replicas == topic->second.partitions.end()) continue;
    out[tp] = partition_leadership{replicas->second, cached.state.leader(), cached.state.isr,
                                   reassigning().count(tp) > 0};
  }
  return out;
}

std::set<int32_t> controller::eligible_leaders() const {
  std::set<int32_t> out;
  for (int32_t b : live_) {
    if (!shutting_down_.count(b)) out.insert(b);
  }
  return out;
}

bool controller::replica_online(const kb::topic_partition& tp, int32_t broker) const {
  return live_.contains(broker) && !offline_.offline(tp, broker);
}

std::set<int32_t> controller::online_replicas(const kb::topic_partition& tp) const {
  std::set<int32_t> out;
  for (int32_t b : live_) {
    if (!offline_.offline(tp, b)) out.insert(b);
  }
  return out;
}

std::set<int32_t> controller::eligible_leaders(const kb::topic_partition& tp) const {
  std::set<int32_t> out = eligible_leaders();
  std::erase_if(out, [&](int32_t b) { return offline_.offline(tp, b); });
  return out;
}

// Decides on the partition's current state as read from ZooKeeper (the cache may lag behind
// an ISR change) and writes the decision under the epoch fence; a concurrent change of the
// state znode (a leader's ISR update) makes it decide again on the new state.
awaitable<election_result> controller::elect_partition(const kb::topic_partition& tp, election_type type) {
  auto topic = topics_.find(tp.topic);
  if (topic == topics_.end() || !topic->second.partitions.count(tp.partition)) {
    co_return election_result{election_outcome::unknown_partition, "The partition does not exist."};
  }
  const std::vector<int32_t> replicas = topic->second.partitions.at(tp.partition);
  if (auto cached = states_.find(tp); cached != states_.end()) {
    partition_leadership current{replicas, cached->second.state.leader(), cached->second.state.isr};
    if (!election_needed(type, current, online_replicas(tp))) {
      co_return election_result{election_outcome::not_needed, {}};
    }
  }
  if (!co_await read_state(tp)) {
    std::ostringstream msg;
    msg << "LeaderAndIsr information doesn't exist for partition " << tp;
    co_return election_result{unavailable(type), msg.str()};
  }
  const leader_and_isr before = states_.at(tp).state;
  election_result result{election_outcome::elected, {}};
  bool unclean = false;
  // Named: a lambda converted to std::function inside a co_await is miscompiled by GCC 12.
  state_change elect = [&](const leader_and_isr& s) -> std::optional<leader_and_isr> {
    partition_leadership current{replicas, s.leader(), s.isr};
    if (!election_needed(type, current, online_replicas(tp))) {
      result = {election_outcome::not_needed, {}};
      return std::nullopt;
    }
    if (type == election_type::preferred && reassigning().count(tp)) {
      // Kafka would elect RS[0], the first target replica; here the reassignment's last step
      // elects the leader (partitions_to_rebalance in preferred_leader.h says why).
      std::ostringstream msg;
      msg << "Partition " << tp << " is being reassigned; its reassignment elects the leader.";
      result = {election_outcome::reassignment_in_progress, msg.str()};
      return std::nullopt;
    }
    std::optional<leader_choice> choice = plan_election(type, current, eligible_leaders(tp));
    if (!choice) {
      result = {unavailable(type), election_failure_message(type, tp)};
      return std::nullopt;
    }
    result = {election_outcome::elected, {}};
    unclean = choice->unclean;
    leader_and_isr next = s;
    next.leader = kb::broker_id{choice->leader};
    next.isr = choice->isr;
    next.leader_epoch = kb::leader_epoch{s.leader_epoch() + 1};
    return next;
  };
  switch (co_await update_state(tp, std::move(elect))) {
    case write_outcome::applied:
      LOG(INFO) << prefix() << tp << ": " << to_string(type) << " election, leader "
                << before.leader << " -> " << states_.at(tp).state.leader;
      if (unclean) LOG(WARNING) << prefix() << "unclean leader election for " << tp;
      co_return result;
    case write_outcome::skipped: co_return result;
    case write_outcome::fenced: co_return election_result{election_outcome::controller_moved, {}};
    case write_outcome::failed: break;
  }
  std::ostringstream msg;
  msg << "Writing the state of partition " << tp << " to ZooKeeper failed";
  co_return election_result{election_outcome::zookeeper_error, msg.str()};
}

awaitable<std::optional<controller::election_results>> controller::elect_leaders(
    election_type type, std::optional<std::vector<kb::topic_partition>> partitions) {
  if (!active_) co_return std::nullopt;
  auto request = std::make_shared<election_request>();
  request->type = type;
  request->partitions = std::move(partitions);
  request->generation = generation_;
  election_requests_.push_back(request);
  enqueue(event{event_kind::replica_election, {}});
  while (!request->done && active_ && request->generation == generation_) co_await election_done_.wait();
  if (!request->done) co_return std::nullopt;
  co_return request->results;
}

awaitable<void> controller::on_replica_election() {
  while (!election_requests_.empty()) {
    std::shared_ptr<election_request> request = election_requests_.front();
    election_requests_.pop_front();
    if (request->generation != generation_) continue;  // its caller was told "not controller"
    std::vector<kb::topic_partition> partitions;
    if (request->partitions) {
      partitions = *request->partitions;
      std::sort(partitions.begin(), partitions.end());
      partitions.erase(std::unique(partitions.begin(), partitions.end()), partitions.end());
    } else {
      for (const auto& [topic, assignment] : topics_) {
        for (const auto& [p, _] : assignment.partitions) partitions.push_back({topic, p});
      }
    }
    LOG(INFO) << prefix() << "Starting replica leader election (" << to_string(request->type)
              << ") for partitions " << comma_separated(partitions) << " triggered by AdminClientTriggered";
    for (const kb::topic_partition& tp : partitions) {
      if (!active_) {
        request->results[tp] = election_result{election_outcome::controller_moved, {}};
        continue;
      }
      election_result r = co_await elect_partition(tp, request->type);
      request->results[tp] = r;
    }
    request->done = true;
    election_done_.notify_all();
  }
}

awaitable<void> controller::on_preferred_replica_election_znode() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback znode_watch = watch_for(event{event_kind::preferred_replica_election_znode, {}});
  const std::string path = preferred_replica_election_znode::path();
  // Watches creation while absent; once present, its deletion below fires the watch and the
  // next pass arms the creation watch again.
  auto present = co_await zk_.exists(path, std::move(znode_watch));
  if (!present || !present.value()) co_return;
  auto data = co_await zk_.get(path);
  if (!data) co_return;
  std::vector<kb::topic_partition> partitions;
  if (data.value().data) {
    auto decoded = preferred_replica_election_znode::decode(*data.value().data);
    if (decoded) {
      partitions = std::move(decoded.value());
    } else {
      LOG(ERROR) << prefix() << "ignoring malformed " << path << ": " << decoded.error().message();
    }
  }
  LOG(INFO) << prefix() << "Starting replica leader election (PREFERRED) for partitions "
            << comma_separated(partitions) << " triggered by ZkTriggered";
  for (const kb::topic_partition& tp : partitions) {
    election_result r = co_await elect_partition(tp, election_type::preferred);
    if (!active_) co_return;
    if (r.outcome == election_outcome::elected || r.outcome == election_outcome::not_needed) {
      LOG(INFO) << prefix() << "Partition " << tp << " completed preferred replica leader election";
    } else {
      LOG(WARNING) << prefix() << "Partition " << tp
                   << " failed to complete preferred replica leader election: " << r.message;
    }
  }
  std::vector<zk_op> ops{remove_op{path}};
  co_await fenced(std::move(ops), "the deletion of " + path);
}

awaitable<void> controller::on_auto_leader_rebalance() {
  const leadership_map view = leadership_view();
  for (const broker_imbalance& b : leader_imbalance(view)) {
    VLOG(1) << prefix() << "leader imbalance ratio for broker " << b.broker << " is " << b.ratio();
  }
  std::vector<kb::topic_partition> candidates =
      partitions_to_rebalance(view, eligible_leaders(), settings_.leader_imbalance_per_broker_percentage);
  // Kafka's isReplicaOnline: a preferred replica in a failed log dir is no candidate.
  std::erase_if(candidates, [&](const kb::topic_partition& tp) {
    const std::vector<int32_t>& replicas = view.at(tp).replicas;
    return replicas.empty() || !replica_online(tp, replicas.front());
  });
  if (candidates.empty()) co_return;
  LOG(INFO) << prefix() << "Starting replica leader election (PREFERRED) for partitions "
            << comma_separated(candidates) << " triggered by AutoTriggered";
  for (const kb::topic_partition& tp : candidates) {
    election_result r = co_await elect_partition(tp, election_type::preferred);
    if (!active_) co_return;
    if (r.outcome != election_outcome::elected && r.outcome != election_outcome::not_needed) {
      LOG(WARNING) << prefix() << "Partition " << tp
                   << " failed to complete preferred replica leader election: " << r.message;
    }
  }
}

void controller::start_leader_rebalance_timer() {
  if (!settings_.auto_leader_rebalance) return;
  asio::co_spawn(ex_, run_leader_rebalance_timer(generation_), log_task_end(prefix() + "leader rebalance timer"));
}

// One timer per controller; a new generation's loop re-arms it, the old loop sees the
// generation change when it wakes and ends.
awaitable<void> controller::run_leader_rebalance_timer(uint64_t generation) {
  std::chrono::milliseconds delay = settings_.first_leader_imbalance_check;
  while (generation == generation_) {
    leader_rebalance_timer_.expires_after(delay);
    boost::system::error_code ec;
    co_await leader_rebalance_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (generation != generation_) co_return;
    if (ec) continue;
    bool pending = std::any_of(queue_.begin(), queue_.end(),
                               [](const event& e) { return e.kind == event_kind::auto_leader_rebalance; });
    if (!pending) enqueue(event{event_kind::auto_leader_rebalance, {}});
    delay = settings_.leader_imbalance_check_interval;
  }
}

}  // namespace kb::zkmeta
