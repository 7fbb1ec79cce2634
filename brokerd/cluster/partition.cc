#include "brokerd/cluster/partition.h"

#include <algorithm>

#include <glog/logging.h>

namespace kb::cluster {

partition::partition(log::partition_log& log, int32_t local_broker_id)
    : log_(log), local_id_(local_broker_id), high_watermark_(log.log_start_offset()) {}

bool partition::apply(const partition_state& s, int64_t now_ms) {
  bool was_leader = is_leader();
  bool changed = s.leader_epoch != state_.leader_epoch || (s.leader == local_id_) != was_leader;
  state_ = s;
  if (is_leader() && (changed || !was_leader)) {
    // A new leader knows nothing of its followers yet; it starts them at the high
    // watermark it had (Kafka resets remote replica state on becoming leader).
    followers_.clear();
    for (int32_t r : state_.replicas) {
      if (r != local_id_) followers_[r] = follower_progress{high_watermark_, now_ms, 0};
    }
    LOG(INFO) << tp() << ": leader at epoch " << state_.leader_epoch << " (log end " << log_.log_end_offset() << ")";
  } else if (!is_leader() && (changed || was_leader)) {
    followers_.clear();
    LOG(INFO) << tp() << ": follower of " << state_.leader << " at epoch " << state_.leader_epoch;
  }
  if (is_leader()) update_high_watermark();
  return changed;
}

bool partition::record_follower_fetch(int32_t follower, int64_t fetch_offset, int64_t now_ms) {
  auto it = followers_.find(follower);
  if (it == followers_.end()) return false;
  it->second.log_end_offset = fetch_offset;
  it->second.last_fetch_ms = now_ms;
  if (fetch_offset >= log_.log_end_offset()) it->second.last_caught_up_ms = now_ms;
  return update_high_watermark();
}

bool partition::update_high_watermark() {
  if (!is_leader()) return false;
  int64_t hw = log_.log_end_offset();
  for (int32_t r : state_.isr) {
    if (r == local_id_) continue;
    auto it = followers_.find(r);
    hw = std::min(hw, it == followers_.end() ? high_watermark_ : it->second.log_end_offset);
  }
  // The high watermark never moves backwards while this broker stays leader.
  if (hw <= high_watermark_) return false;
  high_watermark_ = hw;
  return true;
}

void partition::set_follower_high_watermark(int64_t leader_high_watermark) {
  high_watermark_ = std::max(high_watermark_, std::min(leader_high_watermark, log_.log_end_offset()));
}

}  // namespace kb::cluster
