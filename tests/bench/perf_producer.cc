#include "tests/bench/perf_producer.h"

#include <chrono>
#include <cstdint>
#include <random>

namespace kb::bench {
namespace {

using clock_type = std::chrono::steady_clock;

int64_t micros_since(clock_type::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now() - start).count();
}

// Random upper-case letters, as kafka-producer-perf-test fills its payload; one buffer is
// reused for every record.
std::string make_payload(int size) {
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> letter('A', 'Z');
  std::string payload(static_cast<size_t>(size), 'A');
  for (char& c : payload) c = static_cast<char>(letter(rng));
  return payload;
}

}  // namespace

perf_producer::perf_producer(const perf_options& options) : timeout_ms_(options.timeout_ms) {
  conf_ptr conf = make_conf(options, RD_KAFKA_PRODUCER, &state_);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &perf_producer::on_delivery);
  rk_ = create_client(RD_KAFKA_PRODUCER, std::move(conf));
}

void perf_producer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  // The opaque is the client_events base of state_ (make_conf registered it).
  auto* state = static_cast<delivery_state*>(static_cast<client_events*>(opaque));
  const auto index = reinterpret_cast<uintptr_t>(msg->_private);
  if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    if (state->failed++ == 0) {
      state->first_failure = std::string(rd_kafka_err2name(msg->err)) + ": " + rd_kafka_message_errstr(msg);
    }
    return;
  }
  ++state->delivered;
  state->latency_us[index] = micros_since(state->start) - state->latency_us[index];
}

void perf_producer::throw_if_failed() const {
  state_.throw_if_failed();
  if (state_.failed > 0) {
    throw perf_error(std::to_string(state_.failed) + " record(s) failed; first: " + state_.first_failure);
  }
}

produce_result perf_producer::run(const std::string& topic, int64_t count, int record_size, double throughput) {
  rd_kafka_t* rk = rk_.get();
  const std::string payload = make_payload(record_size);
  topic_ptr rkt(rd_kafka_topic_new(rk, topic.c_str(), nullptr));
  if (!rkt) throw perf_error("cannot create a handle for topic " + topic);

  state_.latency_us.assign(static_cast<size_t>(count), 0);
  state_.delivered = 0;
  state_.failed = 0;
  try {
    state_.start = clock_type::now();
    for (int64_t i = 0; i < count; ++i) {
      if (throughput > 0) {
        // Ahead of schedule by a millisecond or more: wait, serving delivery reports meanwhile
        // (kafka-producer-perf-test's throttler also sends on time and sleeps when ahead).
        const auto due_us = static_cast<int64_t>(static_cast<double>(i) * 1e6 / throughput);
        for (int64_t ahead_us = due_us - micros_since(state_.start); ahead_us >= 1000;
             ahead_us = due_us - micros_since(state_.start)) {
          rd_kafka_poll(rk, static_cast<int>(ahead_us / 1000));
        }
      }
      state_.latency_us[static_cast<size_t>(i)] = micros_since(state_.start);
      // Flags 0: librdkafka neither copies nor frees the payload, which outlives the run.
      while (rd_kafka_produce(rkt.get(), RD_KAFKA_PARTITION_UA, 0, const_cast<char*>(payload.data()),
                              payload.size(), nullptr, 0, reinterpret_cast<void*>(static_cast<uintptr_t>(i))) == -1) {
        const rd_kafka_resp_err_t err = rd_kafka_last_error();
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
          throw perf_error("produce to " + topic + " failed: " + rd_kafka_err2str(err));
        }
        rd_kafka_poll(rk, 1);  // delivery reports make room in the queue
        throw_if_failed();
      }
      // Serve delivery reports as they arrive, so that a record's latency is not inflated by
      // a report waiting in librdkafka's queue while this loop is busy.
      rd_kafka_poll(rk, 0);
      if ((i & 1023) == 0) throw_if_failed();
    }
    int64_t reported = state_.delivered + state_.failed;
    auto last_report = clock_type::now();
    while (reported < count) {
      rd_kafka_poll(rk, 10);
      throw_if_failed();
      const auto now = clock_type::now();
      if (state_.delivered + state_.failed > reported) {
        reported = state_.delivered + state_.failed;
        last_report = now;
      } else if (now - last_report > std::chrono::milliseconds(timeout_ms_)) {
        throw perf_error("no delivery report for " + std::to_string(timeout_ms_) + " ms; " +
                         std::to_string(state_.delivered) + " of " + std::to_string(count) + " records delivered");
      }
    }
    throw_if_failed();
  } catch (...) {
    // Drop whatever is still queued so that destroying the client does not wait for it.
    rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    throw;
  }

  produce_result result;
  result.seconds = static_cast<double>(micros_since(state_.start)) / 1e6;
  result.records = count;
  result.bytes = count * record_size;
  result.latency = summarise_latencies(state_.latency_us);
  return result;
}

}  // namespace kb::bench
