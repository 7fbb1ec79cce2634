#include "brokerd/metrics/broker_metrics.h"

#include <algorithm>
#include <vector>

namespace kb::metrics {

broker_metrics::broker_metrics(const kb::clock& clock) : clock_(clock) {}

void broker_metrics::on_produced(const std::string& topic, uint64_t records, uint64_t bytes) {
  topic_counters& t = topics_[topic];
  t.messages_in += records;
  t.bytes_in += bytes;
  all_topics_.messages_in += records;
  all_topics_.bytes_in += bytes;
}

void broker_metrics::on_fetched(const std::string& topic, uint64_t bytes, bool by_follower) {
  topic_counters& t = topics_[topic];
  (by_follower ? t.replication_bytes_out : t.bytes_out) += bytes;
  (by_follower ? all_topics_.replication_bytes_out : all_topics_.bytes_out) += bytes;
}

void broker_metrics::on_request(std::string_view name, kb::clock::duration took) {
  auto it = requests_.find(name);
  if (it == requests_.end()) {
    it = requests_.emplace(std::string(name), std::make_unique<request_stats>(request_stats{0, latency_histogram(clock_)}))
             .first;
  }
  ++it->second->count;
  it->second->total_time.record(took);
}

void broker_metrics::collect(prometheus_writer& out) const {
  auto topic_family = [&](std::string_view name, std::string_view help, uint64_t topic_counters::*field) {
    out.counter(name, help, static_cast<double>(all_topics_.*field));  // Kafka's all-topics MBean: no topic tag
    std::vector<const std::pair<const std::string, topic_counters>*> sorted;
    for (const auto& entry : topics_) sorted.push_back(&entry);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (const auto* entry : sorted) {
      out.counter(name, help, static_cast<double>(entry->second.*field), {{"topic", entry->first}});
    }
  };
  topic_family("kafka_server_brokertopicmetrics_messagesin_total", "Records appended by produce requests",
               &topic_counters::messages_in);
  topic_family("kafka_server_brokertopicmetrics_bytesin_total", "Record bytes received in produce requests",
               &topic_counters::bytes_in);
  topic_family("kafka_server_brokertopicmetrics_bytesout_total", "Record bytes sent to consumers",
               &topic_counters::bytes_out);
  topic_family("kafka_server_brokertopicmetrics_replicationbytesout_total", "Record bytes sent to follower replicas",
               &topic_counters::replication_bytes_out);

  for (const auto& [name, stats] : requests_) {
    out.counter("kafka_network_requestmetrics_requests_total", "Requests answered, per API",
                static_cast<double>(stats->count), {{"request", name}});
    out.percentiles("kafka_network_requestmetrics_totaltimems",
                    "Milliseconds from a request's arrival to its answer, per API (last 30 to 60 s)",
                    stats->total_time, {{"request", name}});
  }
  out.gauge("kafka_server_delayedoperationpurgatory_purgatorysize", "Requests parked until they can be answered",
            static_cast<double>(produce_parked_), {{"delayedOperation", "Produce"}});
  out.gauge("kafka_server_delayedoperationpurgatory_purgatorysize", "Requests parked until they can be answered",
            static_cast<double>(fetch_parked_), {{"delayedOperation", "Fetch"}});
}

}  // namespace kb::metrics
