#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "brokerd/metrics/latency_histogram.h"
#include "brokerd/metrics/metrics_registry.h"
#include "brokerd/metrics/prometheus_writer.h"
#include "zkmeta/runtime/clock.h"

namespace kb::metrics {

// What the request path counts (Kafka's BrokerTopicMetrics, RequestMetrics and purgatory
// sizes): handlers and the request timer write here, a scrape reads it. Each update is an
// integer add on the broker's one io thread (no atomics, no locks). Kafka's meters also
// keep 1/5/15-minute rates; Prometheus computes rates from the counters instead.
class broker_metrics final : public metrics_source {
 public:
  explicit broker_metrics(const kb::clock& clock);

  // A produce appended `records` records in `bytes` bytes to `topic` (MessagesInPerSec, BytesInPerSec).
  void on_produced(const std::string& topic, uint64_t records, uint64_t bytes);
  // A fetch returned `bytes` of `topic`'s records, to a consumer (BytesOutPerSec) or to a
  // follower (ReplicationBytesOutPerSec).
  void on_fetched(const std::string& topic, uint64_t bytes, bool by_follower);
  // `topic` was deleted: its series go (Kafka removes a deleted topic's BrokerTopicMetrics);
  // the all-topics totals keep what it counted.
  void forget_topic(const std::string& topic) { topics_.erase(topic); }
  // A request of API `name` ("Produce", as Kafka names it) took `took` to answer.
  void on_request(std::string_view name, kb::clock::duration took);

  // A request parked in a purgatory (Kafka's PurgatorySize) while this guard lives.
  class parked {
   public:
    explicit parked(int64_t& count) : count_(&count) { ++*count_; }
    parked(const parked&) = delete;
    parked& operator=(const parked&) = delete;
    ~parked() { --*count_; }

   private:
    int64_t* count_;
  };
  parked park_produce() { return parked(produce_parked_); }
  parked park_fetch() { return parked(fetch_parked_); }

  const kb::clock& clock() const { return clock_; }
  void collect(prometheus_writer& out) const override;

 private:
  struct topic_counters {
    uint64_t messages_in = 0;
    uint64_t bytes_in = 0;
    uint64_t bytes_out = 0;
    uint64_t replication_bytes_out = 0;
  };
  struct request_stats {
    uint64_t count = 0;
    latency_histogram total_time;
  };

  const kb::clock& clock_;
  topic_counters all_topics_;
  std::unordered_map<std::string, topic_counters> topics_;
  std::map<std::string, std::unique_ptr<request_stats>, std::less<>> requests_;
  int64_t produce_parked_ = 0;
  int64_t fetch_parked_ = 0;
};

}  // namespace kb::metrics
