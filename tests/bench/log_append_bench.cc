// Append throughput of partition_log::append_as_leader against a raw sequential ::write() of
// the same bytes, in one binary so that the ratio log/raw comes from one run. Neither side
// fsyncs (the log's default: flush.messages and flush.ms are unlimited), so both measure
// writes into the page cache; only the log's segment rolls fsync.
//
// Every benchmark deletes what it wrote and starts over (timing paused) every chunk_bytes,
// so a run keeps at most that much on disk and far below the dirty page writeback limits.
//
// Args: approximate batch size in bytes (records of ~1 KiB values, uncompressed) and, for
// the log, segment.bytes: the 1 GiB default, where a chunk never rolls, or 64 MiB, where
// every chunk rolls (and so fsyncs) seven times.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "tests/bench/bench_batch.h"
#include "tests/bench/scratch_dir.h"
#include "tests/bench/write_sinks.h"

namespace kb::bench {
namespace {

constexpr uint64_t chunk_bytes = 512ull << 20;
constexpr int64_t now_ms = 1'700'000'000'000;

log::log_config config_for(benchmark::State& state) {
  log::log_config cfg;
  cfg.segment_bytes = static_cast<uint64_t>(state.range(1));
  return cfg;
}

// One batch per iteration into `sink`.
template <class Sink>
void write_batches(benchmark::State& state, Sink& sink, bench_batch& batch) {
  uint64_t written = 0;
  for (auto _ : state) {
    if (written >= chunk_bytes) {
      state.PauseTiming();
      sink.restart();
      written = 0;
      state.ResumeTiming();
    }
    if (!sink.write(batch.bytes)) {
      state.SkipWithError("write failed");
      break;
    }
    written += batch.bytes.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(batch.bytes.size()));
  state.counters["batch_bytes"] = static_cast<double>(batch.bytes.size());
}

void BM_log_append(benchmark::State& state) {
  bench_batch batch = make_bench_batch(static_cast<size_t>(state.range(0)), now_ms);
  scratch_dir dir("kb_log_append_bench");
  log_sink sink(dir.path() / "bench-0", config_for(state), now_ms);
  write_batches(state, sink, batch);
}

void BM_raw_sequential_write(benchmark::State& state) {
  bench_batch batch = make_bench_batch(static_cast<size_t>(state.range(0)), now_ms);
  scratch_dir dir("kb_raw_write_bench");
  raw_file_sink sink(dir.path() / "raw.bin");
  write_batches(state, sink, batch);
}

// Log and raw writes alternate in slices of ~1 MiB, the order flipping every slice, so the
// noise of a shared machine falls on both alike. Counters: each side's MB/s over the same
// interval, and log_to_raw = raw time / log time for the same bytes (1.0 = no overhead).
void BM_log_vs_raw_paired(benchmark::State& state) {
  using clock = std::chrono::steady_clock;
  constexpr size_t slice_bytes = 1 << 20;
  bench_batch batch = make_bench_batch(static_cast<size_t>(state.range(0)), now_ms);
  scratch_dir dir("kb_log_vs_raw_bench");
  log_sink log(dir.path() / "bench-0", config_for(state), now_ms);
  raw_file_sink raw(dir.path() / "raw.bin");
  const size_t per_slice = std::max<size_t>(1, slice_bytes / batch.bytes.size());

  clock::duration log_time{}, raw_time{};
  uint64_t written = 0;  // per side
  bool log_first = true;
  bool ok = true;
  for (auto _ : state) {
    if (written >= chunk_bytes) {
      state.PauseTiming();
      log.restart();
      raw.restart();
      written = 0;
      state.ResumeTiming();
    }
    for (int side = 0; side < 2 && ok; ++side) {
      bool to_log = (side == 0) == log_first;
      auto start = clock::now();
      for (size_t i = 0; i < per_slice && ok; ++i) ok = to_log ? log.write(batch.bytes) : raw.write(batch.bytes);
      (to_log ? log_time : raw_time) += clock::now() - start;
    }
    if (!ok) {
      state.SkipWithError("write failed");
      break;
    }
    log_first = !log_first;
    written += per_slice * batch.bytes.size();
  }
  double bytes = static_cast<double>(state.iterations() * per_slice * batch.bytes.size());
  double log_s = std::chrono::duration<double>(log_time).count();
  double raw_s = std::chrono::duration<double>(raw_time).count();
  state.counters["batch_bytes"] = static_cast<double>(batch.bytes.size());
  if (log_s > 0 && raw_s > 0) {
    state.counters["log_MBps"] = bytes / log_s / 1e6;
    state.counters["raw_MBps"] = bytes / raw_s / 1e6;
    state.counters["log_to_raw"] = raw_s / log_s;
  }
}

constexpr int64_t kib = 1024;
constexpr int64_t default_segment = 1ll << 30;
constexpr int64_t small_segment = 64ll << 20;

void log_args(benchmark::internal::Benchmark* b) {
  b->ArgNames({"batch", "segment"});
  for (int64_t segment : {default_segment, small_segment}) {
    for (int64_t batch : {1 * kib, 16 * kib, 256 * kib}) b->Args({batch, segment});
  }
  b->UseRealTime();
}

BENCHMARK(BM_log_append)->Apply(log_args);
BENCHMARK(BM_raw_sequential_write)->ArgNames({"batch"})->Arg(1 * kib)->Arg(16 * kib)->Arg(256 * kib)->UseRealTime();
BENCHMARK(BM_log_vs_raw_paired)->Apply(log_args);

}  // namespace
}  // namespace kb::bench
