#pragma once

#include <cstdint>

#include "log/leader_epoch_cache.h"

namespace kb::replication {

// Where a replica that just became follower cuts its log so it never diverges from the
// leader's (KIP-101, KIP-279). The follower asks the leader where its own latest epoch
// ends; the leader answers with the largest epoch it knows that is <= the one asked about,
// and where that epoch ends in the leader's log.
struct truncation_step {
  int64_t truncate_to = 0;
  // False when the follower never saw the epoch the leader answered with: it truncates to
  // the end of the last epoch it has below that one and asks again with that epoch
  // (KIP-279: several leader changes in a row can each leave a different tail).
  bool complete = true;
};

struct follower_log_position {
  int64_t log_end_offset = 0;
  int64_t high_watermark = 0;
  // log.end_offset_for_epoch(leader's answered epoch) on the follower's own log.
  log::epoch_end_offset own_end_for_leader_epoch;
};

// Kafka's AbstractFetcherThread.getOffsetTruncationState, as a pure function.
//  * The leader knows nothing of the epoch (end offset undefined): fall back to the high
//    watermark, the only offset known to be committed.
//  * The follower has no epoch at or below the leader's answer: keep at most what the
//    leader has.
//  * The follower's largest such epoch is older than the leader's answer: cut to where that
//    older epoch ends locally, then ask again (incomplete).
//  * Same epoch on both sides: keep the shorter of the two ends of that epoch.
// Never beyond the follower's own log end.
truncation_step decide_truncation(const log::epoch_end_offset& leader_answer, const follower_log_position& follower);

}  // namespace kb::replication
