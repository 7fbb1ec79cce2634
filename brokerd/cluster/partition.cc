#include "brokerd/cluster/partition.h"

#include <algorithm>
#include <atomic>

#include <glog/logging.h>

namespace kb::cluster {

namespace {
// Shared by every partition, so a term is never reused (not even by a deleted topic's
// namesake); atomic because several brokers may run in one test process.
std::atomic<uint64_t> last_leadership_term{0};
}  // namespace

partition::partition(log::partition_log& log, int32_t local_broker_id, waiters& waiting, int64_t high_watermark)
    : log_(log),
      local_id_(local_broker_id),
      high_watermark_(std::clamp(high_watermark, log.log_start_offset(), log.log_end_offset())),
      waiting_(waiting) {}

bool partition::apply(const partition_state& s, int64_t now_ms) {
  bool was_leader = is_leader();
  bool changed = s.leader_epoch != state_.leader_epoch || (s.leader == local_id_) != was_leader;
  state_ = s;
  if (is_leader() && !was_leader) leadership_term_ = ++last_leadership_term;
  if (!is_leader()) leadership_term_ = 0;
  if (is_leader() && (changed || !was_leader)) {
    // A new leader knows nothing of its followers yet; it starts them at the high
    // watermark it had (Kafka resets remote replica state on becoming leader).
    followers_.clear();
    for (int32_t r : state_.replicas) {
      if (r != local_id_) followers_[r] = follower_progress{high_watermark_, now_ms, 0, log_.log_end_offset()};
    }
    epoch_start_offset_ = log_.log_end_offset();
    // The new epoch begins at the log end, even before it writes (Kafka's makeLeader): a
    // follower holding a diverged tail of an older epoch learns to truncate it there.
    log_.assign_epoch_start_offset(kb::leader_epoch{state_.leader_epoch}, log_.log_end_offset());
    LOG(INFO) << tp() << ": leader at epoch " << state_.leader_epoch << " (log end " << log_.log_end_offset() << ")";
  } else if (!is_leader() && (changed || was_leader)) {
    followers_.clear();
    LOG(INFO) << tp() << ": follower of " << state_.leader << " at epoch " << state_.leader_epoch;
  }
  if (is_leader()) update_high_watermark();
  // Leadership, the ISR or the replicas may have changed, whatever `changed` says.
  waiting_.notify(tp());
  return changed;
}

log::result<log::append_result> partition::append_as_leader(std::span<std::byte> batch, int64_t now_ms) {
  auto appended = log_.append_as_leader(batch, state_.leader_epoch, now_ms);
  if (!appended) return appended;
  log_.flush_if_due(now_ms);
  // Followers long-polling for data are woken even when the high watermark stays.
  if (!update_high_watermark()) waiting_.notify(tp());
  return appended;
}

log::result<int64_t> partition::advance_log_start_offset(int64_t offset, int64_t now_ms) {
  auto moved = log_.advance_log_start_offset(offset, now_ms);
  // Followers long-polling this leader learn the new log start offset sooner.
  if (moved) waiting_.notify(tp());
  return moved;
}

bool partition::record_follower_fetch(int32_t follower, int64_t fetch_offset, int64_t now_ms) {
  auto it = followers_.find(follower);
  if (it == followers_.end()) return false;
  follower_progress& f = it->second;
  const int64_t leader_end = log_.log_end_offset();
  if (fetch_offset >= leader_end) {
    f.last_caught_up_ms = std::max(f.last_caught_up_ms, now_ms);
  } else if (fetch_offset >= f.last_fetch_leader_log_end_offset) {
    f.last_caught_up_ms = std::max(f.last_caught_up_ms, f.last_fetch_ms);
  }
  f.log_end_offset = fetch_offset;
  f.last_fetch_ms = now_ms;
  f.last_fetch_leader_log_end_offset = leader_end;
  bool moved = update_high_watermark();
  bool in_isr = std::find(state_.isr.begin(), state_.isr.end(), follower) != state_.isr.end();
  if (!in_isr && fetch_offset >= high_watermark_ && fetch_offset >= epoch_start_offset_ && on_follower_caught_up) {
    on_follower_caught_up(follower);
  }
  return moved;
}

void partition::set_isr(std::vector<int32_t> isr, int32_t zk_version) {
  state_.isr = std::move(isr);
  state_.zk_version = zk_version;
  // A shrink may complete produces (the high watermark moves) or fail them (below min ISR).
  if (!update_high_watermark()) waiting_.notify(tp());
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
  waiting_.notify(tp());
  return true;
}

void partition::set_follower_high_watermark(int64_t leader_high_watermark) {
  // The leader's word, even when lower (a new leader that has not yet learnt its followers'
  // offsets), as Kafka's follower does: it is never more than the log holds.
  high_watermark_ = std::clamp(leader_high_watermark, log_.log_start_offset(), log_.log_end_offset());
}

void partition::truncate_as_follower(int64_t offset, int64_t now_ms) {
  if (offset < high_watermark_ && offset < log_.log_end_offset()) {
    LOG(WARNING) << tp() << ": truncating to " << offset << ", below the high watermark " << high_watermark_;
  }
  log_.truncate_to(offset, now_ms);
  high_watermark_ = std::min(high_watermark_, log_.log_end_offset());
}

void partition::restart_as_follower(int64_t offset, int64_t now_ms) {
  log_.truncate_fully_and_start_at(offset, now_ms);
  high_watermark_ = offset;
}

}  // namespace kb::cluster
