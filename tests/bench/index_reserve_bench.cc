// What reserving index blocks costs (log/index_file.h): before an entry is written through
// the mapping, the blocks under the next 64 KiB of the index are reserved with
// posix_fallocate, so that a full disk is ENOSPC and never a SIGBUS. One step per 8,192
// offset-index entries, which at index.interval.bytes=4096 cover 32 MiB of log.
//
//  * BM_index_fill: the real path, filling a fresh 10 MiB offset index (1,310,720 entries,
//    160 reservation steps) through index_file::append_slot.
//  * BM_reserve_step: the reservation alone, posix_fallocate of successive 64 KiB steps of a
//    fresh sparse 10 MiB file.
//  * BM_page_cache_write: the physical limit for the log bytes one step covers: 32 MiB
//    written with ::write() into the page cache in 1 MiB calls (what `dd bs=1M` does).
//
// The cost of a step against the other two, from one run, is in docs/PERFORMANCE.md.

#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "log/index_file.h"
#include "tests/bench/scratch_dir.h"

namespace kb::bench {
namespace {

constexpr size_t index_bytes = 10 << 20;  // segment.index.bytes, Kafka's default
constexpr size_t offset_entry = 8;
constexpr size_t step = 64 << 10;        // log/index_file.cc reserve_step
constexpr size_t log_per_step = 32 << 20;  // 8,192 entries x index.interval.bytes 4096

void BM_index_fill(benchmark::State& state) {
  scratch_dir dir("kb-index-bench");
  const auto path = dir.path() / "00000000000000000000.index";
  size_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(path);
    state.ResumeTiming();
    log::index_file index(path, offset_entry, index_bytes, true);
    for (size_t i = 0; i < index.max_entries(); ++i) {
      std::byte* slot = index.append_slot();
      std::memset(slot, static_cast<int>(i), offset_entry);
    }
    n = index.max_entries();
    benchmark::DoNotOptimize(index.entries());
  }
  state.counters["entries"] = static_cast<double>(n);
  state.counters["steps"] = static_cast<double>(index_bytes / step);
}

void BM_reserve_step(benchmark::State& state) {
  scratch_dir dir("kb-index-bench");
  const std::string path = (dir.path() / "sparse").string();
  int fd = -1;
  size_t at = index_bytes;
  for (auto _ : state) {
    if (at + step > index_bytes) {
      state.PauseTiming();
      if (fd >= 0) ::close(fd);
      ::unlink(path.c_str());
      fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
      if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(index_bytes)) != 0) {
        state.SkipWithError("cannot create the sparse file");
        break;
      }
      at = 0;
      state.ResumeTiming();
    }
    if (::posix_fallocate(fd, static_cast<off_t>(at), static_cast<off_t>(step)) != 0) {
      state.SkipWithError("posix_fallocate failed");
      break;
    }
    at += step;
  }
  if (fd >= 0) ::close(fd);
}

void BM_page_cache_write(benchmark::State& state) {
  scratch_dir dir("kb-index-bench");
  const std::string path = (dir.path() / "log").string();
  const std::vector<char> block(1 << 20, 'x');
  for (auto _ : state) {
    state.PauseTiming();
    ::unlink(path.c_str());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    state.ResumeTiming();
    for (size_t done = 0; done < log_per_step; done += block.size()) {
      if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size())) {
        state.SkipWithError("write failed");
        break;
      }
    }
    state.PauseTiming();
    ::close(fd);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(log_per_step));
}

BENCHMARK(BM_index_fill)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_reserve_step)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_page_cache_write)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace kb::bench
