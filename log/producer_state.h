#pragma once

#include <cstdint>
#include <deque>
#include <unordered_map>

#include "log/batch_header.h"

namespace kb::log {

// Idempotent-producer bookkeeping for one partition (Kafka's ProducerStateManager, without
// transactions): per producer id, its epoch and the last five batches it appended, which is
// what deduplicating up to five in-flight retries needs.
class producer_state {
 public:
  static constexpr size_t batches_retained = 5;

  struct batch_meta {
    int32_t first_sequence;
    int32_t last_sequence;
    int64_t first_offset;
    int64_t last_offset;
    int64_t max_timestamp;
  };

  enum class verdict {
    append,            // new and in sequence (or not idempotent): append it
    duplicate,         // a retry of a retained batch: answer with `original`, append nothing
    invalid_epoch,     // older than the producer's epoch (INVALID_PRODUCER_EPOCH)
    out_of_order,      // a sequence gap (OUT_OF_ORDER_SEQUENCE_NUMBER)
  };
  struct check_result {
    verdict what;
    batch_meta original{};  // set for duplicate
  };

  // Kafka's order of checks: duplicate, fenced epoch, new epoch must restart at 0, same epoch
  // must continue at last sequence + 1. An unknown producer id is accepted at any sequence
  // (its state may have expired or predate this broker).
  check_result check(const batch_header& h) const;
  // Records a batch that was appended at [first_offset, last_offset].
  void record(const batch_header& h, int64_t first_offset, int64_t last_offset);
  // Forgets batches at or above `offset` (log truncation); producers left with no batch go.
  void truncate_to(int64_t offset);
  void clear() { producers_.clear(); }
  size_t producer_count() const { return producers_.size(); }

 private:
  struct entry {
    int16_t epoch = -1;
    std::deque<batch_meta> batches;  // oldest first, at most batches_retained
  };
  std::unordered_map<int64_t, entry> producers_;
};

}  // namespace kb::log
