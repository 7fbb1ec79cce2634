#include "tests/bench/prefilled_log.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/bench/bench_batch.h"

namespace kb::bench {
namespace {
// Batches go to the log in appends of about this size, as a follower's fetch would bring them.
constexpr size_t append_group_bytes = 1 << 20;
}  // namespace

prefilled_log::prefilled_log(size_t batch_target_bytes, uint64_t total_bytes, uint64_t segment_bytes)
    : dir_("kb_log_read_bench") {
  log::log_config cfg;
  cfg.segment_bytes = segment_bytes;
  log_ = log::partition_log::open(dir_.path() / "bench-0", {"bench", 0}, cfg, {.now_ms = first_timestamp_});

  std::vector<std::byte> group;
  uint64_t written = 0;
  while (written < total_bytes) {
    // Each batch is built anew: its timestamps, covered by the CRC, follow its offsets.
    group.clear();
    int64_t offset = log_->log_end_offset();
    while (group.size() < append_group_bytes && written + group.size() < total_bytes) {
      bench_batch b = make_bench_batch(batch_target_bytes, first_timestamp_ + offset);
      batch_bytes_ = static_cast<uint32_t>(b.bytes.size());
      records_per_batch_ = b.records;
      group.insert(group.end(), b.bytes.begin(), b.bytes.end());
      offset += b.records;
    }
    auto r = log_->append_as_leader(group, 0, first_timestamp_);
    if (!r) throw std::runtime_error("prefill append failed: " + r.error().message());
    written += group.size();
  }
}

}  // namespace kb::bench
