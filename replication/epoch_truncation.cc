#include "replication/epoch_truncation.h"

#include <algorithm>

namespace kb::replication {

truncation_step decide_truncation(const log::epoch_end_offset& leader_answer, const follower_log_position& follower) {
  const int64_t end = follower.log_end_offset;
  if (leader_answer.undefined()) {
    return {std::min(follower.high_watermark, end), true};
  }
  const log::epoch_end_offset& own = follower.own_end_for_leader_epoch;
  if (own.undefined() || own.epoch == log::undefined_epoch) {
    return {std::min(leader_answer.end_offset, end), true};
  }
  if (own.epoch != leader_answer.epoch) {
    return {std::min(own.end_offset, end), false};
  }
  return {std::min({own.end_offset, leader_answer.end_offset, end}), true};
}

}  // namespace kb::replication
