#pragma once

// librdkafka plumbing shared by kafka-perf's produce and consume modes: owning pointers, the
// client configuration built from the command line, error reporting, and topic setup on a
// real cluster (Admin API) or on librdkafka's mock cluster.

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>

#include "tests/bench/perf_options.h"

namespace kb::bench {

struct rdkafka_deleter {
  void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
  void operator()(rd_kafka_conf_t* p) const { rd_kafka_conf_destroy(p); }
  void operator()(rd_kafka_topic_t* p) const { rd_kafka_topic_destroy(p); }
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
  void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
  void operator()(const rd_kafka_metadata_t* p) const { rd_kafka_metadata_destroy(p); }
};

using client_ptr = std::unique_ptr<rd_kafka_t, rdkafka_deleter>;
using conf_ptr = std::unique_ptr<rd_kafka_conf_t, rdkafka_deleter>;
using topic_ptr = std::unique_ptr<rd_kafka_topic_t, rdkafka_deleter>;
using queue_ptr = std::unique_ptr<rd_kafka_queue_t, rdkafka_deleter>;

// What a client's error callback saw. librdkafka calls the callback from rd_kafka_poll(), so
// on the thread that polls; kafka-perf polls from its one main thread only. Passed to
// librdkafka as the client's opaque, so a mode's own state derives from it.
struct client_events {
  // The first error that makes the run meaningless (fatal client error, all brokers down);
  // empty while healthy.
  std::string fatal_error;

  void throw_if_failed() const {
    if (!fatal_error.empty()) throw perf_error(fatal_error);
  }
};

// A configuration for a client of `type` from the command line: the target (bootstrap.servers
// or test.mock.num.brokers), for producers acks/linger.ms/batch.size/compression.type, for
// consumers larger pre-fetch limits (see perf_client.cc), then every -X property. Registers the error callback with `events` as the opaque. Throws
// perf_error naming the property librdkafka rejects.
conf_ptr make_conf(const perf_options& options, rd_kafka_type_t type, client_events* events);

// Sets one property; throws perf_error with librdkafka's reason if it is rejected.
void set_property(rd_kafka_conf_t* conf, const std::string& key, const std::string& value);

// rd_kafka_new; takes ownership of `conf`.
client_ptr create_client(rd_kafka_type_t type, conf_ptr conf);

// Produce mode on a real cluster: creates the topic (CreateTopics, --partitions and
// --replication-factor). A topic that already exists is used as it is, provided its partition
// count matches (checked by wait_for_topic). On the mock: creates it on the client's mock
// cluster (the mock broker does not implement CreateTopics).
void create_topic(rd_kafka_t* rk, const perf_options& options, const client_events& events);

// Polls metadata until `topic` exists and every partition has a leader, and returns the
// partition count. expected_partitions > 0 also requires that count. Throws perf_error after
// options.timeout_ms, or as soon as the client reports a fatal error.
int wait_for_topic(rd_kafka_t* rk, const perf_options& options, int expected_partitions,
                   const client_events& events);

// The target as the summary line names it: the bootstrap server, or "mock cluster (N brokers)".
std::string target_name(const perf_options& options);

}  // namespace kb::bench
