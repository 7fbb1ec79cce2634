// The controller's replica elections (Kafka's ReplicaLeaderElection and
// AutoPreferredReplicaLeaderElection events): on request through the ElectLeaders API, on the
// legacy /admin/preferred_replica_election znode, and periodically when a broker leads too few
// of the partitions it is the preferred replica of. The policy is in preferred_leader.h and
// replica_election.h; this file applies it with epoch-fenced writes of the state znodes.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <algorithm>
#include <sstream>

#include "zkmeta/controller/controller.h"
#include "zkmeta/znodes/preferred_replica_election_znode.h"

namespace kb::zkmeta {
namespace asio = boost::asio;

namespace {

// "t-0,t-1", as Kafka logs a set of partitions.
std::string join(const std::vector<kb::topic_partition>& partitions) {
  std::ostringstream os;
  for (size_t i = 0; i < partitions.size(); ++i) os << (i ? "," : "") << partitions[i];
  return os.str();
}

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

// Decides on the partition's current state as read from ZooKeeper (the cache may lag behind
// an ISR change) and writes the decision under the epoch fence; a concurrent change of the
// state znode (a leader's ISR update) makes it read and decide again.
awaitable<election_result> controller::elect_partition(const kb::topic_partition& tp, election_type type) {
  auto topic = topics_.find(tp.topic);
  if (topic == topics_.end() || !topic->second.partitions.count(tp.partition)) {
    co_return election_result{election_outcome::unknown_partition, "The partition does not exist."};
  }
  const std::vector<int32_t> replicas = topic->second.partitions.at(tp.partition);
  if (auto cached = states_.find(tp); cached != states_.end()) {
    partition_leadership current{replicas, cached->second.state.leader(), cached->second.state.isr};
    if (!election_needed(type, current, live_)) co_return election_result{election_outcome::not_needed, {}};
  }
  const std::string path = partition_state_znode::path(tp.topic, tp.partition);
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto read = co_await zk_.get(path);
    if (!read && read.error() != make_error_code(zk_errc::no_node)) {
      co_return election_result{election_outcome::zookeeper_error, read.error().message()};
    }
    if (!read || !read.value().data) {
      std::ostringstream msg;
      msg << "LeaderAndIsr information doesn't exist for partition " << tp;
      co_return election_result{unavailable(type), msg.str()};
    }
    auto decoded = partition_state_znode::decode(*read.value().data);
    if (!decoded) co_return election_result{election_outcome::zookeeper_error, decoded.error().message()};
    const int32_t version = read.value().stat.version;
    states_[tp] = cached_state{decoded.value(), version};

    partition_leadership current{replicas, decoded.value().leader(), decoded.value().isr};
    if (!election_needed(type, current, live_)) co_return election_result{election_outcome::not_needed, {}};
    if (type == election_type::preferred && reassigning().count(tp)) {
      // Kafka would elect RS[0], the first target replica; here the reassignment's last step
      // elects the leader (partitions_to_rebalance in preferred_leader.h says why).
      std::ostringstream msg;
      msg << "Partition " << tp << " is being reassigned; its reassignment elects the leader.";
      co_return election_result{election_outcome::reassignment_in_progress, msg.str()};
    }
    std::optional<leader_choice> choice = plan_election(type, current, eligible_leaders());
    if (!choice) co_return election_result{unavailable(type), election_failure_message(type, tp)};

    leader_and_isr next = decoded.value();
    next.leader = kb::broker_id{choice->leader};
    next.isr = choice->isr;
    next.leader_epoch = kb::leader_epoch{next.leader_epoch() + 1};
    next.controller_epoch = epoch_;
    std::vector<zk_op> ops{check_op{controller_epoch_znode::path(), epoch_zk_version_},
                           set_op{path, partition_state_znode::encode(next), version}};
    auto written = co_await zk_.multi_detailed(std::move(ops));
    if (!written) co_return election_result{election_outcome::zookeeper_error, written.error().message()};
    if (written.value().applied()) {
      states_[tp] = cached_state{next, written.value().results[1].stat->version};
      LOG(INFO) << "[Controller id=" << id_ << "] " << tp << ": " << to_string(type) << " election, leader "
                << decoded.value().leader << " -> " << next.leader << ", epoch " << next.leader_epoch;
      if (choice->unclean) LOG(WARNING) << "[Controller id=" << id_ << "] unclean leader election for " << tp;
      co_return election_result{election_outcome::elected, {}};
    }
    if (written.value().failed_index() == 0) {
      LOG(WARNING) << "[Controller id=" << id_ << "] fenced: /controller_epoch moved on; resigning";
      stop();
      co_return election_result{election_outcome::controller_moved, {}};
    }
  }
  std::ostringstream msg;
  msg << "The state of partition " << tp << " kept changing during the election";
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
    LOG(INFO) << "[Controller id=" << id_ << "] Starting replica leader election (" << to_string(request->type)
              << ") for partitions " << join(partitions) << " triggered by AdminClientTriggered";
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
      LOG(ERROR) << "[Controller id=" << id_ << "] ignoring malformed " << path << ": " << decoded.error().message();
    }
  }
  LOG(INFO) << "[Controller id=" << id_ << "] Starting replica leader election (PREFERRED) for partitions "
            << join(partitions) << " triggered by ZkTriggered";
  for (const kb::topic_partition& tp : partitions) {
    election_result r = co_await elect_partition(tp, election_type::preferred);
    if (!active_) co_return;
    if (r.outcome == election_outcome::elected || r.outcome == election_outcome::not_needed) {
      LOG(INFO) << "[Controller id=" << id_ << "] Partition " << tp << " completed preferred replica leader election";
    } else {
      LOG(WARNING) << "[Controller id=" << id_ << "] Partition " << tp
                   << " failed to complete preferred replica leader election: " << r.message;
    }
  }
  std::vector<zk_op> ops{check_op{controller_epoch_znode::path(), epoch_zk_version_}, remove_op{path}};
  auto removed = co_await zk_.multi_detailed(std::move(ops));
  if (!removed) {
    LOG(WARNING) << "[Controller id=" << id_ << "] deleting " << path << " failed: " << removed.error().message();
  } else if (!removed.value().applied() && removed.value().failed_index() == 0) {
    LOG(WARNING) << "[Controller id=" << id_ << "] fenced: /controller_epoch moved on; resigning";
    stop();
  }
}

awaitable<void> controller::on_auto_leader_rebalance() {
  const leadership_map view = leadership_view();
  for (const broker_imbalance& b : leader_imbalance(view)) {
    VLOG(1) << "[Controller id=" << id_ << "] leader imbalance ratio for broker " << b.broker << " is " << b.ratio();
  }
  const std::vector<kb::topic_partition> candidates =
      partitions_to_rebalance(view, eligible_leaders(), settings_.leader_imbalance_per_broker_percentage);
  if (candidates.empty()) co_return;
  LOG(INFO) << "[Controller id=" << id_ << "] Starting replica leader election (PREFERRED) for partitions "
            << join(candidates) << " triggered by AutoTriggered";
  for (const kb::topic_partition& tp : candidates) {
    election_result r = co_await elect_partition(tp, election_type::preferred);
    if (!active_) co_return;
    if (r.outcome != election_outcome::elected && r.outcome != election_outcome::not_needed) {
      LOG(WARNING) << "[Controller id=" << id_ << "] Partition " << tp
                   << " failed to complete preferred replica leader election: " << r.message;
    }
  }
}

void controller::start_leader_rebalance_timer() {
  if (!settings_.auto_leader_rebalance) return;
  asio::co_spawn(ex_, run_leader_rebalance_timer(generation_), asio::detached);
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
