#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/bench/latency_summary.h"
#include "tests/bench/perf_client.h"
#include "tests/bench/perf_options.h"

namespace kb::bench {

struct produce_result {
  int64_t records = 0;
  int64_t bytes = 0;     // record values only, as kafka-producer-perf-test counts
  double seconds = 0;    // first send to the last delivery report
  latency_summary latency;
};

// A librdkafka producer that sends fixed-size, unkeyed records as fast as it can and times
// each one from the start of its send (including any wait for room in the client's queue) to
// its delivery report, as kafka-producer-perf-test does. Records go to RD_KAFKA_PARTITION_UA,
// so librdkafka's default partitioner spreads them over the partitions at random.
//
// Single-threaded: every call, and every callback (served by rd_kafka_poll), runs on the
// caller's thread. Not copyable: librdkafka holds a pointer to it.
class perf_producer {
 public:
  explicit perf_producer(const perf_options& options);
  perf_producer(const perf_producer&) = delete;
  perf_producer& operator=(const perf_producer&) = delete;

  rd_kafka_t* handle() const { return rk_.get(); }
  const client_events& events() const { return state_; }

  // Sends `count` records of `record_size` bytes to `topic` and waits for every delivery
  // report. With throughput > 0 (records/s), record i is not sent before i / throughput
  // seconds into the run. Throws perf_error on a fatal client error, if any record fails, or
  // if no delivery report arrives for options.timeout_ms after the last send.
  produce_result run(const std::string& topic, int64_t count, int record_size, double throughput = -1);

 private:
  struct delivery_state : client_events {
    std::chrono::steady_clock::time_point start;
    // Per record: the send time (µs since start) until its report replaces it by the latency.
    std::vector<int64_t> latency_us;
    int64_t delivered = 0;
    int64_t failed = 0;
    std::string first_failure;
  };
  static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);
  void throw_if_failed() const;

  delivery_state state_;
  int timeout_ms_;  // longest wait for the next delivery report once everything is sent
  client_ptr rk_;
};

}  // namespace kb::bench
