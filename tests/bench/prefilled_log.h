#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "log/partition_log.h"
#include "tests/bench/scratch_dir.h"

namespace kb::bench {

// A partition log filled once with uniform batches, for the read-side benchmarks. Record
// timestamps are first_timestamp + offset, so the answer to every lookup is known. The
// benchmark's main owns it; its directory is deleted with it. Single-threaded.
class prefilled_log {
 public:
  prefilled_log(size_t batch_target_bytes, uint64_t total_bytes, uint64_t segment_bytes);

  log::partition_log& log() { return *log_; }  // reads can take a log offline, so not const
  uint32_t batch_bytes() const { return batch_bytes_; }
  int32_t records_per_batch() const { return records_per_batch_; }
  int64_t first_timestamp() const { return first_timestamp_; }
  int64_t end_offset() const { return log_->log_end_offset(); }

 private:
  scratch_dir dir_;  // declared first: removed after the log has closed its files
  std::unique_ptr<log::partition_log> log_;
  uint32_t batch_bytes_ = 0;
  int32_t records_per_batch_ = 0;
  int64_t first_timestamp_ = 1'700'000'000'000;
};

}  // namespace kb::bench
