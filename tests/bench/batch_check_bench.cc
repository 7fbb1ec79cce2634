// What checking a producer's batch costs the leader (docs/PERFORMANCE.md, "Checking produced
// batches"): check_client_batch (CRC, header rules, every record parsed, compressed payloads
// streamed through a 16 KiB buffer) beside validate_batch (the CRC and header alone, all
// that was checked before) and beside decompress() (what decompressing a whole payload at
// once would cost). Batches of 100 B and 1 KiB values, about 64 KiB of records, each codec.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "log/batch_header.h"
#include "log/client_batch_checks.h"
#include "log/compression.h"
#include "log/record_batch_builder.h"

namespace {

using kb::log::compression_type;

// Values that compress about as well as JSON-ish application data: a fixed prefix, a
// counter and random lowercase letters.
std::vector<std::byte> make_batch(size_t value_bytes, compression_type codec) {
  std::mt19937 rng(7);
  kb::log::record_batch_builder b(codec);
  b.producer(1000, 0, 0);
  const size_t count = (64 * 1024) / value_bytes;
  for (size_t i = 0; i < count; ++i) {
    std::string value = "{\"order\":" + std::to_string(i) + ",\"note\":\"";
    while (value.size() < value_bytes) value.push_back(static_cast<char>('a' + rng() % 26));
    b.add(1'700'000'000'000 + static_cast<int64_t>(i), "customer-" + std::to_string(i % 100), value);
  }
  return b.build();
}

compression_type codec_of(const benchmark::State& state) { return static_cast<compression_type>(state.range(1)); }

void label(benchmark::State& state, const std::vector<std::byte>& batch, size_t records) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * batch.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records));
  state.SetLabel(kb::log::to_string(codec_of(state)) + " " + std::to_string(batch.size()) + " B on the wire");
}

void BM_CheckClientBatch(benchmark::State& state) {
  const auto batch = make_batch(static_cast<size_t>(state.range(0)), codec_of(state));
  int32_t records = 0;
  for (auto _ : state) {
    auto r = kb::log::check_client_batch(batch, {});
    if (!r) {
      state.SkipWithError(r.error().message().c_str());
      break;
    }
    records = r.value().records_count;
  }
  label(state, batch, static_cast<size_t>(records));
}

void BM_CrcAndHeaderOnly(benchmark::State& state) {
  const auto batch = make_batch(static_cast<size_t>(state.range(0)), codec_of(state));
  int32_t records = 0;
  for (auto _ : state) {
    auto r = kb::log::validate_batch(batch);
    benchmark::DoNotOptimize(r);
    records = r.value().records_count;
  }
  label(state, batch, static_cast<size_t>(records));
}

void BM_DecompressWhole(benchmark::State& state) {
  const auto batch = make_batch(static_cast<size_t>(state.range(0)), codec_of(state));
  const auto payload = std::span<const std::byte>(batch).subspan(kb::log::batch_header_size);
  for (auto _ : state) {
    auto r = kb::log::decompress(codec_of(state), payload);
    benchmark::DoNotOptimize(r);
  }
  label(state, batch, static_cast<size_t>(kb::log::parse_batch_header(batch).records_count));
}

void codecs(benchmark::internal::Benchmark* b) {
  for (int64_t value_bytes : {100, 1024}) {
    for (int64_t codec = 0; codec <= 4; ++codec) b->Args({value_bytes, codec});
  }
}

BENCHMARK(BM_CrcAndHeaderOnly)->Apply(codecs);
BENCHMARK(BM_CheckClientBatch)->Apply(codecs);
BENCHMARK(BM_DecompressWhole)->Apply([](benchmark::internal::Benchmark* b) {
  for (int64_t value_bytes : {100, 1024}) {
    for (int64_t codec = 1; codec <= 4; ++codec) b->Args({value_bytes, codec});
  }
});

}  // namespace

BENCHMARK_MAIN();
