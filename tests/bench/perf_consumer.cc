#include "tests/bench/perf_consumer.h"

// rdkafka_mock.h must follow rdkafka.h.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <vector>

#include "tests/bench/perf_client.h"
#include "tests/bench/perf_producer.h"

namespace kb::bench {
namespace {

using clock_type = std::chrono::steady_clock;

// The mock cluster starts empty and dies with the client that owns it, so a separate
// kafka-perf produce run cannot fill it. Produce the records here instead, into the
// consumer's own mock cluster, through its localhost listeners.
void fill_mock_topic(rd_kafka_t* consumer, const perf_options& options) {
  rd_kafka_mock_cluster_t* mcluster = rd_kafka_handle_mock_cluster(consumer);
  if (mcluster == nullptr) throw perf_error("the consumer has no mock cluster");
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(mcluster, options.topic.c_str(),
                                                       std::max(options.partitions, 1), options.replication_factor);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw perf_error("cannot create topic " + options.topic + " on the mock cluster: " + rd_kafka_err2str(err));
  }
  perf_options filler;
  filler.bootstrap_server = rd_kafka_mock_cluster_bootstraps(mcluster);
  filler.topic = options.topic;
  filler.acks = "1";
  filler.timeout_ms = options.timeout_ms;
  perf_producer producer(filler);
  produce_result filled = producer.run(options.topic, options.num_records, options.record_size);
  std::cerr << "kafka-perf: filled the mock topic with " << filled.records << " records (untimed)\n";
  // The mock keeps a bounded log per partition (about 5 MiB in librdkafka 2.0) and drops the
  // oldest batches beyond it, so a large fill cannot be read back in full.
  int64_t dropped = 0;
  for (int p = 0; p < std::max(options.partitions, 1); ++p) {
    int64_t low = 0;
    int64_t high = 0;
    err = rd_kafka_query_watermark_offsets(consumer, options.topic.c_str(), p, &low, &high, options.timeout_ms);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw perf_error("cannot read the mock's offsets of partition " + std::to_string(p) + ": " + rd_kafka_err2str(err));
    }
    dropped += low;
  }
  if (dropped > 0) {
    throw perf_error("the mock cluster dropped " + std::to_string(dropped) +
                     " of the records (it keeps about 5 MiB per partition); use fewer records or more partitions");
  }
}

// Starts a fetcher for every partition at its first offset, all feeding `queue`.
void start_partitions(rd_kafka_topic_t* rkt, int partitions, rd_kafka_queue_t* queue) {
  for (int p = 0; p < partitions; ++p) {
    if (rd_kafka_consume_start_queue(rkt, p, RD_KAFKA_OFFSET_BEGINNING, queue) == -1) {
      throw perf_error("cannot start consuming partition " + std::to_string(p) + ": " +
                       rd_kafka_err2str(rd_kafka_last_error()));
    }
  }
}

}  // namespace

consume_result run_consume(const perf_options& options) {
  client_events events;
  conf_ptr conf = make_conf(options, RD_KAFKA_CONSUMER, &events);
  client_ptr rk = create_client(RD_KAFKA_CONSUMER, std::move(conf));
  if (options.uses_mock()) fill_mock_topic(rk.get(), options);
  const int partitions = wait_for_topic(rk.get(), options, 0, events);

  topic_ptr rkt(rd_kafka_topic_new(rk.get(), options.topic.c_str(), nullptr));
  if (!rkt) throw perf_error("cannot create a handle for topic " + options.topic);
  queue_ptr queue(rd_kafka_queue_new(rk.get()));

  consume_result result;
  std::vector<rd_kafka_message_t*> batch(4096);
  const auto start = clock_type::now();
  std::optional<clock_type::time_point> first_record;
  auto last_record = start;
  start_partitions(rkt.get(), partitions, queue.get());
  std::string failure;
  while (result.records < options.num_records && failure.empty()) {
    // The call returns when it has `want` records or after the timeout, so never ask for more
    // than remain: the last call would otherwise sit out the whole timeout.
    const auto want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(batch.size()),
                                                            options.num_records - result.records));
    const ssize_t n = rd_kafka_consume_batch_queue(queue.get(), 100, batch.data(), want);
    if (n < 0) {
      failure = std::string("consume failed: ") + rd_kafka_err2str(rd_kafka_last_error());
      break;
    }
    for (ssize_t i = 0; i < n; ++i) {
      const rd_kafka_message_t* msg = batch[static_cast<size_t>(i)];
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        // Only reported with enable.partition.eof=true; not an error.
      } else if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (failure.empty()) {
          failure = "fetch from partition " + std::to_string(msg->partition) + " failed: " + rd_kafka_message_errstr(msg);
        }
      } else if (result.records < options.num_records) {
        if (!first_record) first_record = clock_type::now();
        ++result.records;
        result.bytes += static_cast<int64_t>(msg->len + msg->key_len);
      }
      rd_kafka_message_destroy(batch[static_cast<size_t>(i)]);
    }
    const auto now = clock_type::now();
    if (n > 0) {
      last_record = now;
    } else if (now - last_record > std::chrono::milliseconds(options.timeout_ms)) {
      failure = "only " + std::to_string(result.records) + " of " + std::to_string(options.num_records) +
                " records of " + options.topic + " arrived; none for " + std::to_string(options.timeout_ms) + " ms";
    }
    rd_kafka_poll(rk.get(), 0);  // serves the error callback
    if (failure.empty()) failure = events.fatal_error;
  }
  const auto end = clock_type::now();
  for (int p = 0; p < partitions; ++p) rd_kafka_consume_stop(rkt.get(), p);
  if (!failure.empty()) throw perf_error(failure);
  result.startup_seconds = std::chrono::duration<double>(*first_record - start).count();
  result.seconds = std::max(std::chrono::duration<double>(end - *first_record).count(), 1e-6);
  return result;
}

}  // namespace kb::bench
