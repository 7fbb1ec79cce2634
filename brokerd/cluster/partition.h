#pragma once

#include <cstdint>
#include <functional>
#include <vector>
#include <map>
#include <optional>

#include "brokerd/cluster/partition_state.h"
#include "log/partition_log.h"
#include "zkmeta/runtime/delayed_operations.h"

namespace kb::cluster {

// What a leader knows of one follower, from that follower's fetches.
struct follower_progress {
  int64_t log_end_offset = 0;
  int64_t last_caught_up_ms = 0;
  int64_t last_fetch_ms = 0;
  // The leader's log end when that previous fetch arrived: a fetch that reaches it shows the
  // follower was caught up as of the previous fetch (Kafka's lastFetchLeaderLogEndOffset), so
  // a follower one fetch behind a steady stream of produces stays in sync.
  int64_t last_fetch_leader_log_end_offset = 0;
};

// One partition replica on this broker (Kafka's cluster/Partition): its log, the
// leadership it was told about, and — while leader — the high watermark, which is the
// smallest log end offset across the ISR. Consumers never read at or past it; acks=all
// produces complete when it passes their last offset. Runs on the broker's I/O thread.
//
// Requests parked on this partition (acks=all produces, long-polling fetches) wait in
// `waiters` under its topic_partition. Every mutator that can change what they wait for (the
// log end, the high watermark, the log start, the leadership or the ISR) notifies that key
// itself, so no caller has to remember to; a mutation made through log() directly wakes
// nobody.
class partition {
 public:
  using waiters = kb::delayed_operations<topic_partition>;

  // `high_watermark` is where the last run left it (replication-offset-checkpoint), kept
  // within the log.
  partition(log::partition_log& log, int32_t local_broker_id, waiters& waiting, int64_t high_watermark = 0);

  const topic_partition& tp() const { return log_.tp(); }
  log::partition_log& log() { return log_; }
  const log::partition_log& log() const { return log_; }
  const partition_state& state() const { return state_; }
  bool is_leader() const { return state_.leader == local_id_; }
  int32_t leader_epoch() const { return state_.leader_epoch; }
  // Identifies one unbroken stretch of leadership on this broker, unique across partitions:
  // it changes when this broker becomes leader, not when a new epoch keeps it leader (an ISR
  // or replica change). An acks=all produce keeps waiting while it stays the same, as Kafka's
  // delayed produces survive a LeaderAndIsr that keeps the leader. 0 while not leader.
  uint64_t leadership_term() const { return leadership_term_; }

  // Applies new leadership. Returns true if this broker's role or the epoch changed.
  bool apply(const partition_state& s, int64_t now_ms);

  // Leader: appends a producer's batch at the log end in the current epoch
  // (log::partition_log::append_as_leader), flushes if due, and moves the high watermark if
  // the ISR allows.
  log::result<log::append_result> append_as_leader(std::span<std::byte> batch, int64_t now_ms);
  // Leader: DeleteRecords; moves the log start offset up to `offset` (at most the high
  // watermark, checked by the caller). Returns the new log start offset.
  log::result<int64_t> advance_log_start_offset(int64_t offset, int64_t now_ms);

  int64_t high_watermark() const { return high_watermark_; }
  // Leader: a follower fetched from `fetch_offset` (its log end). Returns true if the high
  // watermark moved.
  bool record_follower_fetch(int32_t follower, int64_t fetch_offset, int64_t now_ms);
  // Leader: recompute after a local append (a single-replica ISR commits at once).
  bool update_high_watermark();
  // Follower: the leader's high watermark, bounded by what we have (it may move back).
  void set_follower_high_watermark(int64_t leader_high_watermark);
  // Follower: cuts the log to end at `offset` (its divergent tail, KIP-101) or restarts it
  // empty at the leader's log start; the high watermark stays within the log.
  void truncate_as_follower(int64_t offset, int64_t now_ms);
  void restart_as_follower(int64_t offset, int64_t now_ms);
  const std::map<int32_t, follower_progress>& followers() const { return followers_; }
  // The log end offset when this broker became leader for the current epoch: a follower
  // must reach it (and the high watermark) before rejoining the ISR.
  int64_t epoch_start_offset() const { return epoch_start_offset_; }
  // Adopts an ISR this leader wrote itself (same leader and epoch, new zkVersion).
  void set_isr(std::vector<int32_t> isr, int32_t zk_version);

  // Called when an out-of-sync follower has caught up (the ISR may grow).
  std::function<void(int32_t follower)> on_follower_caught_up;

 private:
  log::partition_log& log_;
  int32_t local_id_;
  partition_state state_;
  int64_t high_watermark_ = 0;
  int64_t epoch_start_offset_ = 0;
  uint64_t leadership_term_ = 0;
  std::map<int32_t, follower_progress> followers_;
  waiters& waiting_;
};

}  // namespace kb::cluster
