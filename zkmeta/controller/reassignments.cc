#include "zkmeta/controller/reassignments.h"

#include <glog/logging.h>

#include <algorithm>
#include <sstream>

#include "zkmeta/controller/controller.h"
#include "zkmeta/znodes/delete_topic_znode.h"
#include "zkmeta/znodes/reassign_partitions_znode.h"
#include "zkmeta/broker_list_text.h"

namespace kb::zkmeta {
namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string describe(const full_assignment& a) {
  return "RS " + bracketed_broker_list(a.replicas) + " AR " + bracketed_broker_list(a.adding) + " RR " + bracketed_broker_list(a.removing);
}

}  // namespace

reassignments::reassignments(controller& c, boost::asio::any_io_executor ex) : c_(c), api_done_(ex) {}

void reassignments::reset() {
  in_progress_.clear();
  watched_.clear();
  handled_czxid_ = -1;
}

std::string reassignments::prefix() const {
  return c_.prefix();
}

bool reassignments::in_progress(const std::string& topic) const {
  return std::any_of(in_progress_.begin(), in_progress_.end(), [&](const auto& tp) { return tp.topic == topic; });
}

awaitable<void> reassignments::on_startup() {
  for (const auto& [topic, assignment] : c_.topics_) {
    for (const auto& [p, _] : assignment.partitions) {
      auto a = full_assignment::of(assignment, p);
      if (a && a->being_reassigned()) in_progress_.insert({topic, p});
    }
  }
  // The znode's requests supersede what the topic znodes record (Kafka's
  // initializePartitionReassignments); the rest resume where they were.
  std::set<kb::topic_partition> started = co_await on_znode_event();
  std::set<kb::topic_partition> resume = in_progress_;
  for (const auto& tp : resume) {
    if (started.count(tp) || !c_.active_) continue;
    auto topic = c_.topics_.find(tp.topic);
    if (topic == c_.topics_.end()) continue;
    auto current = full_assignment::of(topic->second, tp.partition);
    if (!current) continue;
    LOG(INFO) << prefix() << "resuming the reassignment of " << tp << ": " << describe(*current);
    co_await reassign(tp, *current);
  }
}

watch_callback reassignments::znode_watch() {
  return [this, gen = c_.generation_](const watch_event&) {
    if (gen == c_.generation_ && c_.active_) c_.enqueue({controller::event_kind::reassign_partitions, {}});
  };
}

awaitable<std::set<kb::topic_partition>> reassignments::on_znode_event() {
  std::set<kb::topic_partition> started;
  watch_callback watch = znode_watch();
  auto stat = co_await c_.zk_.exists(reassign_partitions_znode::path(), std::move(watch));
  if (!stat || !stat.value() || stat.value()->czxid == handled_czxid_) co_return started;
  handled_czxid_ = stat.value()->czxid;
  auto data = co_await c_.zk_.get(reassign_partitions_znode::path());
  if (!data || !data.value().data) co_return started;
  auto requested = reassign_partitions_znode::decode(*data.value().data);
  if (!requested) {
    // As Kafka: the request is ignored (and stays until an operator removes it).
    LOG(WARNING) << prefix() << "ignoring " << reassign_partitions_znode::path()
                 << " due to invalid json: " << requested.error().message();
    co_return started;
  }
  std::set<kb::topic_partition> refused;
  for (const partition_reassignment& r : requested.value()) {
    if (!c_.active_) co_return started;
    auto topic = c_.topics_.find(r.tp.topic);
    std::optional<full_assignment> current;
    if (topic != c_.topics_.end()) current = full_assignment::of(topic->second, r.tp.partition);
    auto marked = co_await c_.zk_.exists(delete_topic_znode::path(r.tp.topic));
    bool deleting = marked && marked.value().has_value();
    if (!current || deleting) {
      LOG(WARNING) << prefix() << "cannot reassign " << r.tp << ": "
                   << (deleting ? "the topic is being deleted" : "no such partition");
      refused.insert(r.tp);
      continue;
    }
    LOG(INFO) << prefix() << "reassignment of " << r.tp << " to " << bracketed_broker_list(r.replicas) << " requested through "
              << reassign_partitions_znode::path();
    if (co_await reassign(r.tp, current->reassign_to(r.replicas))) {
      started.insert(r.tp);
    } else if (c_.active_) {
      refused.insert(r.tp);
    }
  }
  if (!refused.empty() && c_.active_) {
    // Named: a lambda converted to std::function inside a co_await is miscompiled by GCC 12.
    std::function<bool(const partition_reassignment&)> drop = [&refused](const partition_reassignment& r) {
      return refused.count(r.tp) > 0;
    };
    co_await remove_from_znode(std::move(drop));
  }
  co_return started;
}

awaitable<bool> reassignments::reassign(const kb::topic_partition& tp, const full_assignment& next) {
  auto topic = c_.topics_.find(tp.topic);
  if (topic == c_.topics_.end()) co_return false;
  std::optional<full_assignment> current = full_assignment::of(topic->second, tp.partition);
  if (!current) co_return false;
  // U: record RS/AR/RR in the topic znode first, so a new controller can resume.
  if (*current != next) {
    LOG(INFO) << prefix() << tp << ": assignment " << describe(*current) << " -> " << describe(next);
    if (co_await write_assignment(tp, next) != write_outcome::applied) co_return false;
    // Replicas a superseded reassignment was adding and this one does not want.
    for (int32_t r : without(current->replicas, next.replicas)) {
      if (co_await remove_from_isr(tp, r) == write_outcome::fenced) co_return false;
    }
  }
  in_progress_.insert(tp);
  co_await arm_state_watch(tp);
  if (co_await targets_in_sync(tp, next)) {
    co_await complete(tp, next);
    co_return c_.active_;
  }
  // A: a new leader epoch tells every replica (old and new) about the new replica set;
  // the new replicas learn it from the topic znode and start following.
  // Named: a lambda converted to std::function inside a co_await is miscompiled by GCC 12.
  controller::state_change bump = [](const leader_and_isr& s) -> std::optional<leader_and_isr> {
    leader_and_isr n = s;
    n.leader_epoch = kb::leader_epoch{s.leader_epoch() + 1};
    return n;
  };
  co_return co_await c_.update_state(tp, std::move(bump)) != write_outcome::fenced;
}

awaitable<bool> reassignments::targets_in_sync(const kb::topic_partition& tp, const full_assignment& a) {
  if (!a.being_reassigned()) co_return true;
  std::optional<leader_and_isr> s = co_await c_.read_state(tp);
  if (!s) co_return false;
  const std::vector<int32_t> target = a.target();
  co_return std::all_of(target.begin(), target.end(), [&](int32_t r) { return contains(s->isr, r); });
}

awaitable<void> reassignments::complete(const kb::topic_partition& tp, const full_assignment& current) {
  const std::vector<int32_t> target = current.target();
  LOG(INFO) << prefix() << tp << ": target replicas " << bracketed_broker_list(target) << " are in sync; completing the reassignment";
  // B3: a leader outside the target (or dead) hands over to the first live in-sync target
  // replica; a leader that stays gets a new epoch for the shrunk replica set. A replica in a
  // failed log dir counts as dead.
  const std::set<int32_t> live = c_.online_replicas(tp);
  controller::state_change elect = [&target, &live](const leader_and_isr& s) -> std::optional<leader_and_isr> {
    leader_and_isr n = s;
    int32_t leader = s.leader();
    if (leader < 0 || !contains(target, leader) || !live.count(leader)) {
      std::optional<int32_t> chosen = reassignment_leader(target, s.isr, live);
      if (!chosen) return std::nullopt;
      n.leader = kb::broker_id{*chosen};
    }
    n.leader_epoch = kb::leader_epoch{s.leader_epoch() + 1};
    return n;
  };
  write_outcome elected = co_await c_.update_state(tp, std::move(elect));
  if (elected == write_outcome::skipped) {
    LOG(WARNING) << prefix() << tp << ": no live target replica is in the ISR; the reassignment waits";
    co_return;
  }
  if (elected != write_outcome::applied) co_return;
  // B4: the removed replicas leave the ISR, one write each.
  for (int32_t r : current.removing) {
    write_outcome removed = co_await remove_from_isr(tp, r);
    if (removed == write_outcome::fenced || removed == write_outcome::failed) co_return;
  }
  // B6: RS = TRS. Brokers dropped from the assignment delete their replica.
  const full_assignment done{target, {}, {}};
  if (co_await write_assignment(tp, done) != write_outcome::applied) co_return;
  // B7: no longer in progress; out of /admin/reassign_partitions if it came from there.
  in_progress_.erase(tp);
  std::function<bool(const partition_reassignment&)> finished = [&tp, &target](const partition_reassignment& r) {
    return r.tp == tp && r.replicas == target;
  };
  if (co_await remove_from_znode(std::move(finished)) == write_outcome::fenced) co_return;
  LOG(INFO) << prefix() << "reassignment of " << tp << " to " << bracketed_broker_list(target) << " completed";
  // A deletion that waited for this reassignment may go ahead now.
  auto marked = co_await c_.zk_.exists(delete_topic_znode::path(tp.topic));
  if (marked && marked.value() && !in_progress(tp.topic)) c_.enqueue({controller::event_kind::delete_topics, {}});
}

awaitable<void> reassignments::on_partition_state(const kb::topic_partition& tp) {
  if (!in_progress_.count(tp)) co_return;
  co_await arm_state_watch(tp);
  auto topic = c_.topics_.find(tp.topic);
  std::optional<full_assignment> current;
  if (topic != c_.topics_.end()) current = full_assignment::of(topic->second, tp.partition);
  if (!current) {
    in_progress_.erase(tp);  // the topic or partition is gone
    co_return;
  }
  if (co_await targets_in_sync(tp, *current)) co_await complete(tp, *current);
}

awaitable<void> reassignments::on_brokers_joined(const std::set<int32_t>& joined) {
  std::set<kb::topic_partition> waiting = in_progress_;
  for (const auto& tp : waiting) {
    if (!c_.active_) co_return;
    auto topic = c_.topics_.find(tp.topic);
    if (topic == c_.topics_.end()) continue;
    auto current = full_assignment::of(topic->second, tp.partition);
    if (!current) continue;
    const std::vector<int32_t> target = current->target();
    if (std::any_of(target.begin(), target.end(), [&](int32_t r) { return joined.count(r) > 0; })) {
      co_await reassign(tp, *current);
    }
  }
}

awaitable<void> reassignments::arm_state_watch(const kb::topic_partition& tp) {
  if (watched_.count(tp)) co_return;
  watched_.insert(tp);
  watch_callback watch = [this, gen = c_.generation_, tp](const watch_event&) {
    if (gen != c_.generation_ || !c_.active_) return;
    watched_.erase(tp);
    c_.enqueue({controller::event_kind::reassignment_isr_change, tp.topic, tp.partition});
  };
  auto data = co_await c_.zk_.get(partition_state_znode::path(tp.topic, tp.partition), std::move(watch));
  if (!data || !data.value().data) {
    watched_.erase(tp);
    co_return;
  }
  if (auto s = partition_state_znode::decode(*data.value().data)) c_.states_[tp] = {s.value(), data.value().stat.version};
}

awaitable<reassignments::write_outcome> reassignments::remove_from_isr(const kb::topic_partition& tp, int32_t replica) {
  // Kafka's OfflineReplica transition: a leader leaving makes the partition leaderless; the
  // last ISR member stays in the ISR.
  controller::state_change drop = [replica](const leader_and_isr& s) -> std::optional<leader_and_isr> {
    if (!contains(s.isr, replica)) return std::nullopt;
    leader_and_isr n = s;
    if (s.leader() == replica) n.leader = kb::broker_id{-1};
    if (s.isr.size() > 1) n.isr = without(s.isr, {replica});
    n.leader_epoch = kb::leader_epoch{s.leader_epoch() + 1};
    return n;
  };
  co_return co_await c_.update_state(tp, std::move(drop));
}

awaitable<reassignments::write_outcome> reassignments::write_assignment(const kb::topic_partition& tp,
                                                                       const full_assignment& a) {
  auto topic = c_.topics_.find(tp.topic);
  if (topic == c_.topics_.end()) co_return write_outcome::failed;
  topic_assignment updated = topic->second;
  a.store(updated, tp.partition);
  std::vector<zk_op> ops{set_op{topic_znode::path(tp.topic), topic_znode::encode(updated), any_version}};
  write_outcome outcome = co_await c_.fenced(std::move(ops), "the assignment of " + tp.topic);
  // The topic's own watch reloads it too; until then the controller acts on what it wrote.
  if (outcome == write_outcome::applied) c_.topics_[tp.topic] = std::move(updated);
  co_return outcome;
}

awaitable<reassignments::write_outcome> reassignments::remove_from_znode(
    std::function<bool(const partition_reassignment&)> drop) {
  const std::string path = reassign_partitions_znode::path();
  auto data = co_await c_.zk_.get(path);
  if (!data || !data.value().data) co_return write_outcome::skipped;
  auto entries = reassign_partitions_znode::decode(*data.value().data);
  if (!entries) co_return write_outcome::skipped;
  std::vector<partition_reassignment> keep;
  std::ostringstream removed;
  for (const partition_reassignment& r : entries.value()) {
    if (drop(r)) {
      removed << (removed.tellp() > 0 ? "," : "") << r.tp;
    } else {
      keep.push_back(r);
    }
  }
  if (removed.tellp() == 0) co_return write_outcome::skipped;
  LOG(INFO) << prefix() << "removing " << removed.str() << " from " << path
            << (keep.empty() ? "; none left, deleting it" : "");
  std::vector<zk_op> ops;
  if (keep.empty()) {
    ops.push_back(remove_op{path, any_version});
  } else {
    ops.push_back(set_op{path, reassign_partitions_znode::encode(keep), any_version});
  }
  co_return co_await c_.fenced(std::move(ops), path);
}

}  // namespace kb::zkmeta
