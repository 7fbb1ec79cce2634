// Read-side lookups over a prefilled 256 MiB partition log (64 MiB segments):
// partition_log::read at random and at consumer-like sequential offsets, segment::find_batch
// alone, and offset_for_timestamp. read() returns a file slice and copies no data, so these
// measure index lookup plus the batch scan that follows it: the figure is lookups per second.
//
// Arg: batch size in bytes. 16 KiB batches get an index entry each; 1 KiB batches one every
// 5 batches (index.interval.bytes = 4096), so lookups scan a few batches past the entry.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/bench/prefilled_log.h"

namespace kb::bench {
namespace {

constexpr uint32_t max_fetch_bytes = 1 << 20;
constexpr size_t sample_count = 4096;

// Uniform random values in [lo, hi), drawn before timing starts.
std::vector<int64_t> random_samples(int64_t lo, int64_t hi) {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int64_t> dist(lo, hi - 1);
  std::vector<int64_t> out(sample_count);
  for (auto& v : out) v = dist(rng);
  return out;
}

void report_lookups(benchmark::State& state, prefilled_log& p) {
  state.SetItemsProcessed(state.iterations());
  state.counters["batch_bytes"] = p.batch_bytes();
}

void BM_log_read_random(benchmark::State& state, prefilled_log& p) {
  const int64_t leo = p.end_offset();
  std::vector<int64_t> offsets = random_samples(0, leo);
  size_t i = 0;
  for (auto _ : state) {
    int64_t offset = offsets[i++ % sample_count];
    auto r = p.log().read(offset, max_fetch_bytes, leo, true);
    if (!r || !r.value().data || r.value().first_batch_offset > offset) {
      state.SkipWithError(("bad read at offset " + std::to_string(offset)).c_str());
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  report_lookups(state, p);
}

// A consumer fetching 1 MiB at a time from the start, moving to the offset after the last
// whole batch of each slice (computed from the uniform batch size instead of parsing it).
void BM_log_read_sequential(benchmark::State& state, prefilled_log& p) {
  const int64_t leo = p.end_offset();
  int64_t offset = 0;
  for (auto _ : state) {
    auto r = p.log().read(offset, max_fetch_bytes, leo, true);
    if (!r || !r.value().data) {
      state.SkipWithError(("bad read at offset " + std::to_string(offset)).c_str());
      break;
    }
    int64_t whole = std::max<int64_t>(1, r.value().data->size / p.batch_bytes());
    offset = r.value().first_batch_offset + whole * p.records_per_batch();
    if (offset >= leo) offset = 0;
  }
  report_lookups(state, p);
}

// segment::find_batch on the first segment: the offset index plus the scan, without the
// partition-level segment choice and bounds.
void BM_segment_find_batch(benchmark::State& state, prefilled_log& p) {
  const log::segment& seg = p.log().segment_at(p.log().segment_base_offsets().front());
  std::vector<int64_t> offsets = random_samples(seg.base_offset(), seg.next_offset());
  size_t i = 0;
  for (auto _ : state) {
    int64_t offset = offsets[i++ % sample_count];
    auto found = seg.find_batch(offset);
    if (!found || found->base_offset > offset || found->last_offset < offset) {
      state.SkipWithError(("bad find_batch at offset " + std::to_string(offset)).c_str());
      break;
    }
    benchmark::DoNotOptimize(found);
  }
  report_lookups(state, p);
}

// ListOffsets by time: record timestamps are first_timestamp + offset, so the expected
// answer for target t is offset t - first_timestamp.
void BM_log_offset_for_timestamp(benchmark::State& state, prefilled_log& p) {
  std::vector<int64_t> targets = random_samples(p.first_timestamp(), p.first_timestamp() + p.end_offset());
  size_t i = 0;
  for (auto _ : state) {
    int64_t target = targets[i++ % sample_count];
    auto found = p.log().offset_for_timestamp(target);
    if (!found || !found.value() || found.value()->offset != target - p.first_timestamp()) {
      state.SkipWithError(("wrong offset for timestamp " + std::to_string(target)).c_str());
      break;
    }
    benchmark::DoNotOptimize(found);
  }
  report_lookups(state, p);
}

}  // namespace
}  // namespace kb::bench

// The prefilled logs belong to main, built the first time a selected benchmark asks for a
// batch size and deleted before exit: 256 MiB each, in 64 MiB segments, so that a lookup
// also picks a segment.
int main(int argc, char** argv) {
  using kb::bench::prefilled_log;
  using bench_fn = void (*)(benchmark::State&, prefilled_log&);
  std::map<int64_t, std::unique_ptr<prefilled_log>> logs;
  auto log_for = [&logs](int64_t batch_bytes) -> prefilled_log& {
    auto& slot = logs[batch_bytes];
    if (!slot) slot = std::make_unique<prefilled_log>(static_cast<size_t>(batch_bytes), 256ull << 20, 64ull << 20);
    return *slot;
  };
  const std::pair<const char*, bench_fn> benchmarks[] = {
      {"BM_log_read_random", kb::bench::BM_log_read_random},
      {"BM_log_read_sequential", kb::bench::BM_log_read_sequential},
      {"BM_segment_find_batch", kb::bench::BM_segment_find_batch},
      {"BM_log_offset_for_timestamp", kb::bench::BM_log_offset_for_timestamp},
  };
  for (const auto& [name, fn] : benchmarks) {
    benchmark::RegisterBenchmark(name, [&log_for, fn = fn](benchmark::State& state) { fn(state, log_for(state.range(0))); })
        ->ArgName("batch")
        ->Arg(1024)
        ->Arg(16 * 1024);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
