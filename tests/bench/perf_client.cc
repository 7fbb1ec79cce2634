#include "tests/bench/perf_client.h"

// rdkafka_mock.h must follow rdkafka.h.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string_view>

namespace kb::bench {
namespace {

using clock_type = std::chrono::steady_clock;

// librdkafka's error callback: fatal errors and "all brokers down" end the run; the rest
// (one connection refused, a request timed out and retried) are worth a line on stderr.
void on_client_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
  auto* events = static_cast<client_events*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__FATAL) {
    char fatal[512];
    rd_kafka_fatal_error(rk, fatal, sizeof fatal);
    if (events->fatal_error.empty()) events->fatal_error = std::string("fatal client error: ") + fatal;
  } else if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
    if (events->fatal_error.empty()) events->fatal_error = std::string("all brokers are down: ") + reason;
  } else {
    std::cerr << "kafka-perf: warning: " << rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err)) << ": "
              << reason << "\n";
  }
}

using metadata_ptr = std::unique_ptr<const rd_kafka_metadata_t, rdkafka_deleter>;

// One metadata request for all topics (a request naming the topic could auto-create it).
// Returns null if the request failed or timed out; the caller retries until its deadline.
metadata_ptr fetch_metadata(rd_kafka_t* rk, int timeout_ms, std::string* last_error) {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &md, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    *last_error = std::string("metadata request failed: ") + rd_kafka_err2str(err);
    return nullptr;
  }
  return metadata_ptr(md);
}

}  // namespace

void set_property(rd_kafka_conf_t* conf, const std::string& key, const std::string& value) {
  char errstr[512];
  if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    throw perf_error("client property " + key + "=" + value + " rejected: " + errstr);
  }
}

conf_ptr make_conf(const perf_options& options, rd_kafka_type_t type, client_events* events) {
  conf_ptr conf(rd_kafka_conf_new());
  set_property(conf.get(), "client.id", "kafka-perf");
  if (options.uses_mock()) {
    set_property(conf.get(), "test.mock.num.brokers", std::to_string(options.mock_brokers));
  } else {
    set_property(conf.get(), "bootstrap.servers", options.bootstrap_server);
  }
  if (type == RD_KAFKA_PRODUCER) {
    set_property(conf.get(), "acks", options.acks);
    if (options.linger_ms) set_property(conf.get(), "linger.ms", std::to_string(*options.linger_ms));
    if (options.batch_size) set_property(conf.get(), "batch.size", std::to_string(*options.batch_size));
    if (options.compression) set_property(conf.get(), "compression.type", *options.compression);
  } else {
    // librdkafka 2.0 stops fetching a partition once its pre-fetch queue holds
    // queued.min.messages (100,000) or queued.max.messages.kbytes (64 MiB), and then waits a
    // fixed 1 s before fetching again (fetch.queue.backoff.ms, configurable from 2.2 on), even
    // though the queue drains in milliseconds here. Raise both limits so that a run measures
    // the broker rather than that pause; the price is up to 1 GiB of buffering per partition.
    set_property(conf.get(), "queued.min.messages", "10000000");
    set_property(conf.get(), "queued.max.messages.kbytes", "1048576");
  }
  for (const auto& [key, value] : options.properties) set_property(conf.get(), key, value);
  rd_kafka_conf_set_error_cb(conf.get(), on_client_error);
  rd_kafka_conf_set_opaque(conf.get(), events);
  return conf;
}

client_ptr create_client(rd_kafka_type_t type, conf_ptr conf) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), errstr, sizeof errstr);
  if (rk == nullptr) throw perf_error(std::string("cannot create the client: ") + errstr);
  conf.release();  // rd_kafka_new took ownership
  return client_ptr(rk);
}

void create_topic(rd_kafka_t* rk, const perf_options& options, const client_events& events) {
  const int partitions = std::max(options.partitions, 1);
  if (options.uses_mock()) {
    rd_kafka_mock_cluster_t* mcluster = rd_kafka_handle_mock_cluster(rk);
    if (mcluster == nullptr) throw perf_error("the client has no mock cluster");
    rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(mcluster, options.topic.c_str(), partitions, options.replication_factor);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw perf_error("cannot create topic " + options.topic + " on the mock cluster: " + rd_kafka_err2str(err));
    }
    return;
  }

  char errstr[512];
  std::unique_ptr<rd_kafka_NewTopic_t, rdkafka_deleter> new_topic(rd_kafka_NewTopic_new(
      options.topic.c_str(), partitions, options.replication_factor, errstr, sizeof errstr));
  if (!new_topic) throw perf_error(std::string("invalid topic: ") + errstr);
  std::unique_ptr<rd_kafka_AdminOptions_t, rdkafka_deleter> admin_options(
      rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS));
  if (rd_kafka_AdminOptions_set_request_timeout(admin_options.get(), options.timeout_ms, errstr, sizeof errstr) ||
      rd_kafka_AdminOptions_set_operation_timeout(admin_options.get(), options.timeout_ms, errstr, sizeof errstr)) {
    throw perf_error(std::string("invalid --timeout-ms: ") + errstr);
  }
  queue_ptr queue(rd_kafka_queue_new(rk));
  rd_kafka_NewTopic_t* topics[] = {new_topic.get()};
  rd_kafka_CreateTopics(rk, topics, 1, admin_options.get(), queue.get());

  // The result arrives on `queue`; errors such as "all brokers down" on the main queue.
  const auto deadline = clock_type::now() + std::chrono::milliseconds(options.timeout_ms + 5000);
  std::unique_ptr<rd_kafka_event_t, rdkafka_deleter> event;
  while (!event) {
    event.reset(rd_kafka_queue_poll(queue.get(), 100));
    rd_kafka_poll(rk, 0);
    events.throw_if_failed();
    if (!event && clock_type::now() > deadline) {
      throw perf_error("no CreateTopics result for " + options.topic + " within " +
                       std::to_string(options.timeout_ms + 5000) + " ms");
    }
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw perf_error("CreateTopics " + options.topic + " failed: " + rd_kafka_event_error_string(event.get()));
  }
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      std::cerr << "kafka-perf: topic " << options.topic << " already exists; using it\n";
    } else if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* message = rd_kafka_topic_result_error_string(results[i]);
      throw perf_error("cannot create topic " + options.topic + ": " + rd_kafka_err2name(err) +
                       (message ? std::string(": ") + message : std::string()));
    }
  }
}

int wait_for_topic(rd_kafka_t* rk, const perf_options& options, int expected_partitions,
                   const client_events& events) {
  const auto deadline = clock_type::now() + std::chrono::milliseconds(options.timeout_ms);
  std::string last_problem = "no metadata response yet";
  for (;;) {
    rd_kafka_poll(rk, 0);  // serves the error callback
    events.throw_if_failed();
    if (metadata_ptr md = fetch_metadata(rk, 1000, &last_problem)) {
      const rd_kafka_metadata_topic_t* found = nullptr;
      for (int i = 0; i < md->topic_cnt; ++i) {
        if (options.topic == md->topics[i].topic) found = &md->topics[i];
      }
      if (found == nullptr) {
        last_problem = "topic " + options.topic + " does not exist" +
                       (options.run_mode == perf_options::mode::produce ? " (pass --partitions to create it)" : "");
      } else if (found->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        last_problem = "topic " + options.topic + ": " + rd_kafka_err2str(found->err);
      } else if (expected_partitions > 0 && found->partition_cnt != expected_partitions) {
        // A different layout than asked for would make the measurement misleading.
        throw perf_error("topic " + options.topic + " has " + std::to_string(found->partition_cnt) +
                         " partitions, not the " + std::to_string(expected_partitions) + " asked for");
      } else {
        bool all_led = found->partition_cnt > 0;
        for (int p = 0; p < found->partition_cnt; ++p) {
          if (found->partitions[p].leader < 0 || found->partitions[p].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            all_led = false;
            last_problem = "partition " + std::to_string(p) + " of " + options.topic + " has no leader yet";
          }
        }
        if (all_led) return found->partition_cnt;
      }
    }
    if (clock_type::now() > deadline) {
      throw perf_error("topic " + options.topic + " not ready on " + target_name(options) + " after " +
                       std::to_string(options.timeout_ms) + " ms: " + last_problem);
    }
    rd_kafka_poll(rk, 100);
  }
}

std::string target_name(const perf_options& options) {
  if (options.uses_mock()) return "mock cluster (" + std::to_string(options.mock_brokers) + " brokers)";
  return options.bootstrap_server;
}

}  // namespace kb::bench
