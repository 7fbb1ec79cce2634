#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "brokerd/metrics/latency_histogram.h"

namespace kb::metrics {

using labels = std::vector<std::pair<std::string, std::string>>;

// Builds one scrape in the Prometheus text exposition format (version 0.0.4): each family
// once, sorted by name, with its # HELP and # TYPE lines and then its samples in the order
// they were added. Names follow what Prometheus's JMX exporter makes of Kafka's MBeans
// (its example Kafka rules, lowercased): kafka.server<type=ReplicaManager,
// name=UnderReplicatedPartitions> is kafka_server_replicamanager_underreplicatedpartitions,
// a meter's Count is <name without PerSec>_total, a histogram's percentiles are one gauge
// with a quantile label plus <name>_count.
class prometheus_writer {
 public:
  void gauge(std::string_view name, std::string_view help, double value, const labels& l = {});
  void counter(std::string_view name, std::string_view help, double value, const labels& l = {});
  // Kafka's percentiles (50th, 75th, 95th, 98th, 99th, 999th) and the sample count.
  void percentiles(std::string_view name, std::string_view help, const latency_histogram& h, const labels& l = {});

  std::string text() const;

 private:
  void sample(std::string_view name, std::string_view help, std::string_view type, const labels& l, double value);

  struct family {
    std::string help;
    std::string type;
    std::vector<std::string> samples;
  };
  std::map<std::string, family, std::less<>> families_;
};

}  // namespace kb::metrics
