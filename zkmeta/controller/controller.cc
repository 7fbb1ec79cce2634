#include "zkmeta/controller/controller.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <glog/logging.h>

#include <charconv>

#include "zkmeta/controller/leader_election.h"
#include "zkmeta/controller/reassignments.h"
#include "zkmeta/znodes/delete_topic_znode.h"
#include "zkmeta/znodes/isr_change_notification_znode.h"
#include "zkmeta/znodes/topic_config_znode.h"

namespace kb::zkmeta {
namespace asio = boost::asio;


namespace {

std::optional<int32_t> parse_id(const std::string& s) {
  int32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

controller::controller(zk_client& zk, kb::broker_id id, asio::any_io_executor ex, controller_settings settings)
    : zk_(zk), id_(id), ex_(ex), settings_(settings), wakeup_(ex), shutdown_done_(ex),
      election_done_(ex), leader_rebalance_timer_(ex),
      reassignments_(std::make_unique<reassignments>(*this, ex)) {}

// Invariant: the owner destroys the controller only once its io_context has stopped running,
// so no coroutine of run() resumes afterwards.
controller::~controller() = default;

std::string controller::prefix() const {
  return "[Controller id=" + std::to_string(id_()) + " epoch=" + std::to_string(epoch_()) + "] ";
}

const std::set<kb::topic_partition>& controller::reassigning() const { return reassignments_->partitions(); }

void controller::start(controller_epoch epoch, int32_t epoch_zk_version) {
  ++generation_;
  active_ = true;
  epoch_ = epoch;
  epoch_zk_version_ = epoch_zk_version;
  queue_.clear();
  live_.clear();
  broker_epochs_.clear();
  topics_.clear();
  states_.clear();
  offline_.clear();
  probing_.clear();
  probe_answers_.clear();
  reassignments_->reset();
  queue_.push_back({event_kind::startup, {}});
  LOG(INFO) << prefix() << "starting";
  asio::co_spawn(ex_, run(generation_), [this](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LOG(ERROR) << prefix() << "event loop failed: " << ex.what();
    }
  });
  start_leader_rebalance_timer();
}

void controller::stop() {
  if (!active_) return;
  LOG(INFO) << prefix() << "stopping";
  active_ = false;
  ++generation_;
  queue_.clear();
  wakeup_.notify_all();
  shutdown_done_.notify_all();
  election_done_.notify_all();
  leader_rebalance_timer_.cancel();
  reassignments_->on_stop();
}

void controller::enqueue(event e) {
  queue_.push_back(std::move(e));
  wakeup_.notify_all();
}

watch_callback controller::watch_for(event e) {
  return [this, gen = generation_, e](const watch_event&) {
    if (gen == generation_ && active_) enqueue(e);
  };
}

awaitable<void> controller::run(uint64_t generation) {
  while (generation == generation_) {
    if (queue_.empty()) {
      co_await wakeup_.wait();
      continue;
    }
    event e = queue_.front();
    queue_.pop_front();
    co_await handle(e);
    ++events_processed_;
  }
}

awaitable<void> controller::handle(const event& e) {
  switch (e.kind) {
    case event_kind::startup: co_await on_startup(); break;
    case event_kind::broker_change: {
      if (election_timer_) election_timer_->started();
      co_await on_broker_change();
      if (election_timer_) election_timer_->finished();
      break;
    }
    case event_kind::topic_change: co_await on_topic_change(); break;
    case event_kind::topic_modified: co_await on_topic_modified(e.topic); break;
    case event_kind::delete_topics: co_await on_delete_topics(); break;
    case event_kind::isr_change: co_await on_isr_change(); break;
    case event_kind::controlled_shutdown: co_await on_controlled_shutdown(); break;
    case event_kind::replica_election: co_await on_replica_election(); break;
    case event_kind::preferred_replica_election_znode: co_await on_preferred_replica_election_znode(); break;
    case event_kind::auto_leader_rebalance: co_await on_auto_leader_rebalance(); break;
    case event_kind::reassign_partitions: co_await reassignments_->on_znode_event(); break;
    case event_kind::reassignment_requests: co_await reassignments_->on_api_requests(); break;
    case event_kind::log_dir_event: co_await on_log_dir_event(); break;
    case event_kind::replicas_probed: co_await on_replicas_probed(); break;
    case event_kind::reassignment_isr_change: {
      const kb::topic_partition tp{e.topic, e.partition};  // named: no braced temporary in a co_await
      co_await reassignments_->on_partition_state(tp);
      break;
    }
  }
}

size_t controller::offline_partitions() const {
  if (!active_) return 0;
  size_t offline = 0;
  for (const auto& [tp, cached] : states_) {
    const int32_t leader = cached.state.leader();
    if (leader < 0 || !replica_online(tp, leader)) ++offline;
  }
  return offline;
}

awaitable<void> controller::on_startup() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback brokers_watch = watch_for(event{event_kind::broker_change, {}});
  auto brokers = co_await zk_.get_children("/brokers/ids", std::move(brokers_watch));
  if (brokers) {
    for (const auto& b : brokers.value()) {
      if (auto id = parse_id(b)) live_.insert(*id);
    }
  }
  co_await reregistered_brokers();  // records each live broker's registration
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback topics_watch = watch_for(event{event_kind::topic_change, {}});
  auto topics = co_await zk_.get_children(topics_znode::path(), std::move(topics_watch));
  if (topics) {
    for (const auto& t : topics.value()) co_await load_topic(t);
  }
  for (const auto& [t, _] : topics_) co_await init_partitions(t);
  co_await reelect();
  co_await on_delete_topics();
  co_await on_isr_change();
  // Reassignments first, as Kafka's onControllerFailover: a pending preferred election must
  // know which partitions are moving.
  co_await reassignments_->on_startup();
  co_await on_preferred_replica_election_znode();
  // Kafka's new controller learns which replicas are in failed log dirs from the responses to
  // the LeaderAndIsr requests it sends every broker, and deletes the notifications left over.
  for (int32_t b : live_) start_probe(b);
  if (!co_await take_log_dir_events()) co_return;
  LOG(INFO) << prefix() << "ready: " << live_.size() << " live broker(s), "
            << topics_.size() << " topic(s), " << states_.size() << " partition(s)";
}

awaitable<void> controller::load_topic(const std::string& topic) {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback data_watch = watch_for(event{event_kind::topic_modified, topic});
  auto data = co_await zk_.get(topic_znode::path(topic), std::move(data_watch));
  if (!data || !data.value().data) co_return;
  auto assignment = topic_znode::decode(*data.value().data);
  if (!assignment) {
    LOG(ERROR) << "Malformed assignment for topic " << topic << ": " << assignment.error().message();
    co_return;
  }
  topics_[topic] = assignment.value();
  for (const auto& [p, replicas] : assignment.value().partitions) {
    kb::topic_partition tp{topic, p};
    if (states_.count(tp)) continue;
    auto state = co_await zk_.get(partition_state_znode::path(topic, p));
    if (!state || !state.value().data) continue;
    auto decoded = partition_state_znode::decode(*state.value().data);
    if (decoded) states_[tp] = {decoded.value(), state.value().stat.version};
  }
}

awaitable<void> controller::init_partitions(const std::string& topic) {
  auto it = topics_.find(topic);
  if (it == topics_.end()) co_return;
  for (const auto& [p, replicas] : it->second.partitions) {
    kb::topic_partition tp{topic, p};
    if (states_.count(tp)) continue;
    leader_and_isr s;
    for (int32_t r : replicas) {
      if (live_.count(r)) s.isr.push_back(r);
    }
    if (s.isr.empty()) {
      LOG(WARNING) << prefix() << "no live replica for new partition " << tp << "; waiting";
      continue;
    }
    s.leader = kb::broker_id{s.isr.front()};
    s.leader_epoch = kb::leader_epoch{0};
    if (co_await create_state(tp, s) == write_outcome::fenced) co_return;
  }
}

awaitable<bool> controller::allow_unclean(const std::string& topic) {
  auto cfg = co_await zk_.get(topic_config_znode::path(topic));
  if (cfg && cfg.value().data) {
    if (auto entries = topic_config_znode::decode(*cfg.value().data)) {
      for (const auto& [k, v] : entries.value()) {
        if (k == "unclean.leader.election.enable") co_return v == "true";
      }
    }
  }
  co_return settings_.unclean_leader_election;
}

// One pass over every partition: a dead or missing leader is replaced; dead ISR members are
// dropped. A replica in a failed log dir counts as dead. Used at startup and whenever the set
// of live brokers or of offline replicas changes.
awaitable<void> controller::reelect() {
  std::vector<kb::topic_partition> partitions;
  for (const auto& [tp, _] : states_) partitions.push_back(tp);
  for (const auto& tp : partitions) {
    auto cached = states_.find(tp);
    if (cached == states_.end()) continue;
    // Only the controller moves leaders (a leader's own writes change the ISR), so a re-read
    // after a conflict finds the same leader: the topic's unclean setting is read once, and
    // only when it may be needed.
    const int32_t leader = cached->second.state.leader();
    bool unclean = false;
    if (leader < 0 || !replica_online(tp, leader)) unclean = co_await allow_unclean(tp.topic);
    // Named: a lambda converted to std::function inside a co_await is miscompiled by GCC 12.
    state_change change = [this, &tp, unclean](const leader_and_isr& s) { return reelection(tp, s, unclean); };
    if (co_await update_state(tp, std::move(change)) == write_outcome::fenced) co_return;
  }
}

std::optional<leader_and_isr> controller::reelection(const kb::topic_partition& tp, const leader_and_isr& cur,
                                                     bool unclean) {
  auto topic = topics_.find(tp.topic);
  if (topic == topics_.end()) return std::nullopt;
  const std::vector<int32_t> assignment = topic->second.partitions[tp.partition];
  const std::set<int32_t> online = online_replicas(tp);
  int32_t leader = cur.leader();
  bool leader_ok = leader >= 0 && online.count(leader);
  bool isr_ok = std::all_of(cur.isr.begin(), cur.isr.end(), [&](int32_t r) { return online.count(r) > 0; });
  if (leader_ok && isr_ok) return std::nullopt;
  leader_and_isr next = cur;
  if (!leader_ok) {
    leader_choice choice = elect_leader(assignment, cur.isr, eligible_leaders(tp), unclean);
    if (choice.leader == cur.leader() && choice.isr == cur.isr) return std::nullopt;  // still offline
    next.leader = kb::broker_id{choice.leader};
    next.isr = choice.isr;
    if (choice.unclean) LOG(WARNING) << prefix() << "unclean leader election for " << tp;
  } else {
    next.isr = isr_without(cur.isr, online);
  }
  next.leader_epoch = kb::leader_epoch{cur.leader_epoch() + 1};
  LOG(INFO) << prefix() << tp << ": leader " << cur.leader << " -> " << next.leader
            << ", epoch " << next.leader_epoch;
  return next;
}

awaitable<void> controller::on_broker_change() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback brokers_watch = watch_for(event{event_kind::broker_change, {}});
  auto brokers = co_await zk_.get_children("/brokers/ids", std::move(brokers_watch));
  if (!brokers) co_return;
  std::set<int32_t> now;
  for (const auto& b : brokers.value()) {
    if (auto id = parse_id(b)) now.insert(*id);
  }
  std::set<int32_t> died, joined;
  std::set_difference(live_.begin(), live_.end(), now.begin(), now.end(), std::inserter(died, died.end()));
  std::set_difference(now.begin(), now.end(), live_.begin(), live_.end(), std::inserter(joined, joined.end()));
  live_ = now;
  const std::set<int32_t> reregistered = co_await reregistered_brokers();
  for (int32_t b : died) shutting_down_.erase(b);
  // What a broker said about its log dirs holds for the registration that said it.
  for (int32_t b : died) offline_.forget(b);
  for (int32_t b : joined) offline_.forget(b);
  for (int32_t b : reregistered) offline_.forget(b);
  for (int32_t b : reregistered) LOG(INFO) << prefix() << "broker " << b << " registered again";
  for (int32_t b : died) LOG(INFO) << prefix() << "broker " << b << " failed";
  for (int32_t b : joined) LOG(INFO) << prefix() << "broker " << b << " joined";
  co_await reelect();
  for (const auto& [t, _] : topics_) co_await init_partitions(t);
  // Kafka's onBrokerStartup learns a new (or bounced) broker's offline replicas from its
  // LeaderAndIsr answer.
  for (int32_t b : joined) start_probe(b);
  for (int32_t b : reregistered) start_probe(b);
  if (!joined.empty()) co_await reassignments_->on_brokers_joined(joined);
}

awaitable<void> controller::on_topic_change() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback topics_watch = watch_for(event{event_kind::topic_change, {}});
  auto topics = co_await zk_.get_children(topics_znode::path(), std::move(topics_watch));
  if (!topics) co_return;
  std::set<std::string> now(topics.value().begin(), topics.value().end());
  for (auto it = topics_.begin(); it != topics_.end();) {
    if (now.count(it->first)) {
      ++it;
      continue;
    }
    std::erase_if(states_, [&](const auto& kv) { return kv.first.topic == it->first; });
    offline_.forget_topic(it->first);
    it = topics_.erase(it);
  }
  for (const auto& t : now) {
    if (topics_.count(t)) continue;
    LOG(INFO) << prefix() << "new topic " << t;
    co_await load_topic(t);
    co_await init_partitions(t);
  }
}

awaitable<void> controller::on_topic_modified(const std::string& topic) {
  co_await load_topic(topic);
  co_await init_partitions(topic);
}

awaitable<void> controller::on_delete_topics() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback marked_watch = watch_for(event{event_kind::delete_topics, {}});
  auto marked = co_await zk_.get_children(delete_topics_znode::path(), std::move(marked_watch));
  if (!marked) co_return;
  for (const auto& t : marked.value()) co_await delete_topic(t);
}

awaitable<void> controller::delete_topic(const std::string& topic) {
  if (reassignments_->in_progress(topic)) {
    LOG(INFO) << prefix() << "deletion of topic " << topic << " waits for its reassignment";
    co_return;
  }
  LOG(INFO) << prefix() << "deleting topic " << topic;
  std::vector<zk_op> ops{check_op{controller_epoch_znode::path(), epoch_zk_version_}};
  auto partitions = co_await zk_.get_children(topic_partitions_znode::path(topic));
  if (partitions) {
    for (const auto& p : partitions.value()) {
      auto id = parse_id(p);
      if (!id) continue;
      auto state = co_await zk_.exists(partition_state_znode::path(topic, *id));
      if (state && state.value()) ops.push_back(remove_op{partition_state_znode::path(topic, *id)});
      ops.push_back(remove_op{topic_partition_znode::path(topic, *id)});
    }
    ops.push_back(remove_op{topic_partitions_znode::path(topic)});
  }
  if (auto t = co_await zk_.exists(topic_znode::path(topic)); t && t.value()) ops.push_back(remove_op{topic_znode::path(topic)});
  if (auto c = co_await zk_.exists(topic_config_znode::path(topic)); c && c.value()) {
    ops.push_back(remove_op{topic_config_znode::path(topic)});
  }
  ops.push_back(remove_op{delete_topic_znode::path(topic)});
  auto r = co_await zk_.multi_detailed(ops);
  if (!r) {
    LOG(WARNING) << "Deleting topic " << topic << " failed: " << r.error().message() << "; will retry on the next event";
    co_return;
  }
  if (!r.value().applied()) {
    if (epoch_moved_on(r.value())) {
      LOG(WARNING) << prefix() << "fenced by a newer controller while deleting " << topic;
      stop();
      co_return;
    }
    LOG(WARNING) << "Deleting topic " << topic << " raced with another change (" << to_string(r.value().error())
                 << "); retrying";
    enqueue({event_kind::delete_topics, {}});
    co_return;
  }
  std::erase_if(states_, [&](const auto& kv) { return kv.first.topic == topic; });
  offline_.forget_topic(topic);
  topics_.erase(topic);
}

awaitable<void> controller::on_isr_change() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback notes_watch = watch_for(event{event_kind::isr_change, {}});
  auto notes = co_await zk_.get_children(isr_change_notification_znode::path(), std::move(notes_watch));
  if (!notes) co_return;
  for (const auto& name : notes.value()) {
    std::string path = isr_change_notification_znode::path() + "/" + name;
    auto data = co_await zk_.get(path);
    if (data && data.value().data) {
      if (auto tps = isr_change_notification_sequence_znode::decode(*data.value().data)) {
        for (const auto& tp : tps.value()) {
          auto state = co_await zk_.get(partition_state_znode::path(tp.topic, tp.partition));
          if (!state || !state.value().data) continue;
          if (auto s = partition_state_znode::decode(*state.value().data)) states_[tp] = {s.value(), state.value().stat.version};
        }
      }
    }
    co_await zk_.remove(path);
  }
}

awaitable<std::optional<std::vector<kb::topic_partition>>> controller::controlled_shutdown(int32_t broker) {
  if (!active_) co_return std::nullopt;
  auto request = std::make_shared<shutdown_request>();
  request->broker = broker;
  shutdown_requests_.push_back(request);
  enqueue({event_kind::controlled_shutdown, {}});
  while (!request->done && active_) co_await shutdown_done_.wait();
  if (!request->done) co_return std::nullopt;
  co_return request->remaining;
}

awaitable<void> controller::on_controlled_shutdown() {
  while (!shutdown_requests_.empty()) {
    auto request = shutdown_requests_.front();
    shutdown_requests_.pop_front();
    int32_t broker = request->broker;
    shutting_down_.insert(broker);
    LOG(INFO) << prefix() << "controlled shutdown of broker " << broker;
    std::vector<kb::topic_partition> partitions;
    for (const auto& [tp, _] : states_) partitions.push_back(tp);
    for (const auto& tp : partitions) {
      // Named: a lambda converted to std::function inside a co_await is miscompiled by GCC 12.
      state_change move = [this, &tp, broker](const leader_and_isr& s) { return shutdown_move(tp, broker, s); };
      if (co_await update_state(tp, std::move(move)) == write_outcome::fenced) break;
      auto state = states_.find(tp);
      auto topic = topics_.find(tp.topic);
      // Single-replica partitions have nowhere to go; Kafka does not count them either.
      if (state != states_.end() && topic != topics_.end() && state->second.state.leader() == broker &&
          topic->second.partitions[tp.partition].size() > 1) {
        request->remaining.push_back(tp);
      }
    }
    request->done = true;
    shutdown_done_.notify_all();
  }
}

std::optional<leader_and_isr> controller::shutdown_move(const kb::topic_partition& tp, int32_t broker,
                                                       const leader_and_isr& cur) {
  auto topic = topics_.find(tp.topic);
  if (topic == topics_.end()) return std::nullopt;
  const auto& assignment = topic->second.partitions[tp.partition];
  bool in_isr = std::find(cur.isr.begin(), cur.isr.end(), broker) != cur.isr.end();
  leader_and_isr next = cur;
  if (cur.leader() == broker) {
    int32_t successor = -1;
    for (int32_t r : assignment) {
      bool eligible = r != broker && replica_online(tp, r) && !shutting_down_.count(r) &&
                      std::find(cur.isr.begin(), cur.isr.end(), r) != cur.isr.end();
      if (eligible) {
        successor = r;
        break;
      }
    }
    if (successor < 0) return std::nullopt;
    next.leader = kb::broker_id{successor};
  } else if (!in_isr || cur.isr.size() <= 1) {
    return std::nullopt;
  }
  next.isr.erase(std::remove(next.isr.begin(), next.isr.end(), broker), next.isr.end());
  next.leader_epoch = kb::leader_epoch{cur.leader_epoch() + 1};
  return next;
}

}  // namespace kb::zkmeta
