#include "zkmeta/controller/offline_replicas.h"

namespace kb::zkmeta {

std::set<kb::topic_partition> offline_replicas::record(int32_t broker, int64_t broker_epoch,
                                                       const replica_probe_answer& answer) {
  auto found = by_broker_.find(broker);
  if (found != by_broker_.end() && found->second.broker_epoch != broker_epoch) {
    by_broker_.erase(found);
    found = by_broker_.end();
  }
  std::set<kb::topic_partition> before;
  if (found != by_broker_.end()) before = found->second.replicas;
  std::set<kb::topic_partition> now = before;
  for (const kb::topic_partition& tp : answer.online) now.erase(tp);
  now.insert(answer.offline.begin(), answer.offline.end());
  std::set<kb::topic_partition> added;
  for (const kb::topic_partition& tp : now) {
    if (!before.contains(tp)) added.insert(tp);
  }
  if (now.empty()) {
    by_broker_.erase(broker);
  } else {
    by_broker_[broker] = entry{broker_epoch, std::move(now)};
  }
  return added;
}

bool offline_replicas::offline(const kb::topic_partition& tp, int32_t broker) const {
  auto found = by_broker_.find(broker);
  return found != by_broker_.end() && found->second.replicas.contains(tp);
}

std::optional<int64_t> offline_replicas::epoch_of(int32_t broker) const {
  auto found = by_broker_.find(broker);
  if (found == by_broker_.end()) return std::nullopt;
  return found->second.broker_epoch;
}

std::set<int32_t> offline_replicas::brokers() const {
  std::set<int32_t> out;
  for (const auto& [broker, _] : by_broker_) out.insert(broker);
  return out;
}

void offline_replicas::forget(int32_t broker) { by_broker_.erase(broker); }

void offline_replicas::forget_topic(const std::string& topic) {
  for (auto it = by_broker_.begin(); it != by_broker_.end();) {
    std::erase_if(it->second.replicas, [&](const kb::topic_partition& tp) { return tp.topic == topic; });
    it = it->second.replicas.empty() ? by_broker_.erase(it) : std::next(it);
  }
}

}  // namespace kb::zkmeta
