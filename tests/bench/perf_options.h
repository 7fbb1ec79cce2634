#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kb::bench {

// The command line of kafka-perf, parsed and validated (see kafka_perf.cc for the flags).
// Plain data: every field is set once by the parser and then only read.
struct perf_options {
  enum class mode { produce, consume, fetch };

  mode run_mode = mode::produce;
  // Exactly one of the two targets: a real cluster, or librdkafka's in-process mock cluster
  // (the client property test.mock.num.brokers) with this many brokers.
  std::string bootstrap_server;
  int mock_brokers = 0;

  std::string topic;
  int64_t num_records = 0;
  int record_size = 100;
  std::string acks = "1";
  // Records per second the producer may send; <= 0: as fast as it can (kafka-producer-perf-test's
  // --throughput -1).
  double throughput = -1;
  // > 0: produce creates the topic with the Admin API first (the mock: always, default 1).
  int partitions = 0;
  int replication_factor = 1;
  std::optional<double> linger_ms;         // unset: librdkafka's default (5 ms)
  std::optional<int> batch_size;           // unset: librdkafka's default (1,000,000 B)
  std::optional<std::string> compression;  // unset: none
  // -X k=v, applied after the flags above, so they override them.
  std::vector<std::pair<std::string, std::string>> properties;
  // Longest wait for metadata, topic creation, and (consume) the gap between two records.
  int timeout_ms = 30000;

  bool uses_mock() const { return mock_brokers > 0; }
};

// A failure while running (unreachable broker, refused topic, failed delivery). main() prints
// the message and exits 1.
class perf_error : public std::runtime_error {
 public:
  explicit perf_error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace kb::bench
