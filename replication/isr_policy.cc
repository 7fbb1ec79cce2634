#include "replication/isr_policy.h"

namespace kb::replication {

std::vector<int32_t> out_of_sync_replicas(int32_t leader, const std::vector<int32_t>& isr,
                                          const std::map<int32_t, follower_state>& followers, int64_t now_ms,
                                          int64_t lag_time_max_ms) {
  std::vector<int32_t> out;
  for (int32_t r : isr) {
    if (r == leader) continue;
    auto it = followers.find(r);
    // A replica the leader has never heard from counts as lagging from when it became leader
    // (its entry is created then); one missing entirely is out of sync.
    if (it == followers.end() || now_ms - it->second.last_caught_up_ms > lag_time_max_ms) out.push_back(r);
  }
  return out;
}

bool may_join_isr(const follower_state& follower, int64_t high_watermark, int64_t leader_epoch_start_offset) {
  return follower.log_end_offset >= high_watermark && follower.log_end_offset >= leader_epoch_start_offset;
}

}  // namespace kb::replication
