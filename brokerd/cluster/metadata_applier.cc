#include "brokerd/cluster/metadata_applier.h"

#include <glog/logging.h>

namespace kb::cluster {

metadata_applier::metadata_applier(metadata_cache& cache, replica_manager& replicas, const topic_defaults& defaults,
                                   kb::delayed_operations<std::string>& topic_waiters, replica_observer& observer,
                                   std::string listener_name, std::function<int64_t()> now_ms)
    : cache_(cache), replicas_(replicas), defaults_(defaults), topic_waiters_(topic_waiters), observer_(observer),
      listener_name_(std::move(listener_name)), now_ms_(std::move(now_ms)) {}

zkmeta::metadata_listener metadata_applier::listener() {
  zkmeta::metadata_listener l;
  l.on_brokers = [this](const auto& brokers) { apply_brokers(brokers); };
  l.on_topic = [this](const auto& topic, const auto& assignment) { apply_topic(topic, assignment); };
  l.on_partition_state = [this](const auto& tp, const auto& s, int32_t v) { apply_state(tp, s, v); };
  l.on_topic_config = [this](const auto& topic, const auto& entries) { apply_config(topic, entries); };
  return l;
}

void metadata_applier::apply_brokers(const std::map<int32_t, zkmeta::broker_info>& brokers) {
  std::map<int32_t, broker_info> live;
  for (const auto& [id, info] : brokers) {
    // Clients are given the endpoint of the listener they use; we serve one listener name.
    for (const auto& ep : info.endpoints) {
      if (ep.listener_name != listener_name_) continue;
      live[id] = broker_info{id, ep.host, ep.port, info.rack};
      break;
    }
  }
  cache_.set_brokers(std::move(live));
}

void metadata_applier::apply_topic(const std::string& topic, const std::optional<zkmeta::topic_assignment>& assignment) {
  if (!assignment) {
    LOG(INFO) << "Topic " << topic << " was deleted; removing its local replicas";
    const topic_info* deleted = cache_.topic(topic);
    const auto partitions = deleted ? static_cast<int32_t>(deleted->assignment.size()) : 0;
    cache_.remove_topic(topic);
    for (const auto& tp : replicas_.partitions()) {
      if (tp.topic != topic) continue;
      replicas_.remove(tp);
      observer_.on_leadership_change(tp);  // its fetcher stops following it
    }
    if (partitions > 0) observer_.on_topic_deleted(topic, partitions);
    topic_waiters_.notify(topic);
    return;
  }
  topic_info& t = cache_.upsert_topic(topic);
  t.topic_id = assignment->topic_id.value_or("");
  t.assignment = assignment->partitions;
  t.removing = assignment->removing_replicas;
  for (const auto& [p, replicas] : t.assignment) {
    auto state = t.partitions.find(p);
    if (state != t.partitions.end()) {
      state->second.replicas = replicas;
      auto removing = t.removing.find(p);
      state->second.removing_replicas = removing == t.removing.end() ? std::vector<int32_t>{} : removing->second;
    }
    refresh_local({topic, p});
  }
  topic_waiters_.notify(topic);
}

void metadata_applier::apply_state(const topic_partition& tp, const zkmeta::leader_and_isr& s, int32_t zk_version) {
  topic_info& t = cache_.upsert_topic(tp.topic);
  partition_state& ps = t.partitions[tp.partition];
  ps.leader = s.leader();
  ps.leader_epoch = s.leader_epoch();
  ps.controller_epoch = s.controller_epoch();
  ps.isr = s.isr;
  ps.zk_version = zk_version;
  if (auto it = t.assignment.find(tp.partition); it != t.assignment.end()) ps.replicas = it->second;
  if (auto it = t.removing.find(tp.partition); it != t.removing.end()) {
    ps.removing_replicas = it->second;
  } else {
    ps.removing_replicas.clear();
  }
  refresh_local(tp);
  // Admin requests wait for leaders of partitions hosted elsewhere too.
  topic_waiters_.notify(tp.topic);
}

void metadata_applier::apply_config(const std::string& topic, const zkmeta::config_entries& entries) {
  topic_info& t = cache_.upsert_topic(topic);
  t.config.clear();
  for (const auto& [k, v] : entries) {
    t.config[k] = v;
    auto why = topic_config_has_no_effect(k);
    if (why && inert_keys_noted_.insert(k).second) {
      LOG(WARNING) << "Topic config " << k << " (set on " << topic << ") is stored and reported but has no effect on "
                   << "this broker: " << *why;
    }
  }
  for (const auto& [p, _] : t.assignment) {
    if (partition* local = replicas_.get({topic, p})) {
      local->log().update_config(effective_topic_settings(defaults_, t.config).log);
    }
  }
  topic_waiters_.notify(topic);
}

// Makes the local replica match the cache: only once both the assignment and the leadership
// are known, so a broker never acts on a partition without the controller's leader epoch.
void metadata_applier::refresh_local(const topic_partition& tp) {
  const topic_info* t = cache_.topic(tp.topic);
  if (!t) return;
  auto state = t->partitions.find(tp.partition);
  if (state == t->partitions.end() || state->second.replicas.empty()) return;
  partition* before = replicas_.get(tp);
  const bool existed = before != nullptr;
  int32_t old_epoch = before ? before->leader_epoch() : -1;
  bool was_leader = before && before->is_leader();
  partition* p = replicas_.apply(tp, state->second, effective_topic_settings(defaults_, t->config).log, now_ms_());
  // A replica reassigned away is gone (p == nullptr): its fetcher must let go of it too.
  if ((p && (p->leader_epoch() != old_epoch || p->is_leader() != was_leader || !existed)) || (!p && existed)) {
    observer_.on_leadership_change(tp);
  }
}

}  // namespace kb::cluster
