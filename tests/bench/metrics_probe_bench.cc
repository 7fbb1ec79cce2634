// What the always-on metrics cost one request (docs/PERFORMANCE.md, "Metrics"): the calls the
// produce path makes per request (the request timer's two clock reads and histogram record,
// one on_produced per partition) and a scrape's text for a broker with many topics.
#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>

#include <string>
#include <vector>

#include "brokerd/metrics/broker_metrics.h"
#include "zkmeta/runtime/system_clock.h"

namespace {

// One produce request to `partitions` partitions of one topic, as the broker records it.
void BM_ProduceRequestProbe(benchmark::State& state) {
  boost::asio::io_context io;
  kb::system_clock_source clock(io.get_executor());
  kb::metrics::broker_metrics m(clock);
  const std::string topic = "orders";
  const auto partitions = state.range(0);
  for (auto _ : state) {
    const auto start = clock.now();
    for (int64_t p = 0; p < partitions; ++p) m.on_produced(topic, 160, 16384);
    m.on_request("Produce", clock.now() - start);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProduceRequestProbe)->Arg(1)->Arg(8);

// One scrape's text for a broker with `topics` topics that have all seen traffic.
void BM_ScrapeText(benchmark::State& state) {
  boost::asio::io_context io;
  kb::system_clock_source clock(io.get_executor());
  kb::metrics::broker_metrics m(clock);
  for (int64_t t = 0; t < state.range(0); ++t) {
    m.on_produced("topic-" + std::to_string(t), 1, 100);
    m.on_fetched("topic-" + std::to_string(t), 100, false);
  }
  for (const char* api : {"Produce", "Fetch", "Metadata", "ApiVersions", "OffsetCommit", "Heartbeat"}) {
    m.on_request(api, std::chrono::microseconds(50));
  }
  for (auto _ : state) {
    kb::metrics::prometheus_writer w;
    m.collect(w);
    benchmark::DoNotOptimize(w.text());
  }
}
BENCHMARK(BM_ScrapeText)->Arg(10)->Arg(1000);

}  // namespace

BENCHMARK_MAIN();
