#include "brokerd/cluster/replica_manager.h"

#include <algorithm>

#include <glog/logging.h>

namespace kb::cluster {

replica_manager::replica_manager(log::log_manager& logs, int32_t local_broker_id, kb::clock& clock)
    : logs_(logs), local_id_(local_broker_id), waiting_(clock) {}

partition* replica_manager::get(const topic_partition& tp) {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? nullptr : it->second.get();
}

std::vector<topic_partition> replica_manager::partitions() const {
  std::vector<topic_partition> out;
  for (const auto& [tp, _] : partitions_) out.push_back(tp);
  return out;
}

partition* replica_manager::apply(const topic_partition& tp, const partition_state& state, const log::log_config& cfg,
                                  int64_t now_ms) {
  bool hosted = std::find(state.replicas.begin(), state.replicas.end(), local_id_) != state.replicas.end();
  if (!hosted) {
    if (partitions_.count(tp)) remove(tp);
    return nullptr;
  }
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) {
    const auto age = startup_view_applied_ ? log::replica_age::new_since_startup : log::replica_age::existing;
    log::partition_log& log = logs_.get_or_create(tp, cfg, now_ms, age);
    int64_t high_watermark = logs_.checkpointed_high_watermark(tp).value_or(0);
    it = partitions_.emplace(tp, std::make_unique<partition>(log, local_id_, waiting_, high_watermark)).first;
    it->second->on_follower_caught_up = [this, tp](int32_t follower) {
      if (on_follower_caught_up) on_follower_caught_up(tp, follower);
    };
  } else {
    it->second->log().update_config(cfg);
  }
  it->second->apply(state, now_ms);
  return it->second.get();
}

void replica_manager::write_high_watermarks() {
  logs_.write_high_watermarks([this](const topic_partition& tp) {
    partition* p = get(tp);
    return p ? p->high_watermark() : (logs_.checkpointed_high_watermark(tp).value_or(0));
  });
}

void replica_manager::remove(const topic_partition& tp) {
  partitions_.erase(tp);
  logs_.remove(tp);
  waiting_.notify(tp);
}

}  // namespace kb::cluster
