#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace kb::replication {

// What the leader knows of one follower (fed by its fetches).
struct follower_state {
  int64_t log_end_offset = 0;
  int64_t last_caught_up_ms = 0;  // last time its fetch offset reached the leader's log end
};

// Kafka's ISR rules as pure functions of the offsets and the time (Replica.isCaughtUp,
// Partition.maybeShrinkIsr / maybeExpandIsr):
//  * a follower falls out of sync when it has not caught up to the leader's log end for
//    more than replica.lag.time.max.ms;
//  * an out-of-sync follower rejoins once its log end reaches the high watermark (and the
//    start of the leader's current epoch, so it has truncated any divergent tail).
std::vector<int32_t> out_of_sync_replicas(int32_t leader, const std::vector<int32_t>& isr,
                                          const std::map<int32_t, follower_state>& followers, int64_t now_ms,
                                          int64_t lag_time_max_ms);

bool may_join_isr(const follower_state& follower, int64_t high_watermark, int64_t leader_epoch_start_offset);

}  // namespace kb::replication
