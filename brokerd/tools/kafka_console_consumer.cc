// kafka-console-consumer: prints the records of a topic to standard output, with the flags and
// output of Kafka 3.5's kafka-console-consumer.sh (kafka.tools.ConsoleConsumer), e.g.
//   kafka-console-consumer --bootstrap-server 127.0.0.1:9092 --topic orders --from-beginning
//       --max-messages 10 --property print.key=true --property key.separator=:
// As Kafka's, it subscribes to the topic (or the topics --include matches) as a member of a
// consumer group: --group (or group.id in --consumer-property / --consumer.config), whose
// offsets it commits (auto-commit, and at exit), or a generated "console-consumer-NNNNN" whose
// offsets it does not commit. Without committed offsets it starts where auto.offset.reset says
// (--from-beginning: earliest). --partition instead reads that one partition from --offset,
// outside any group, with librdkafka's simple consumer.
// On exit (--max-messages reached, --timeout-ms without a record, SIGINT/SIGTERM) it prints
// "Processed a total of N messages" to stderr, as Kafka does. Exit status: 0, or 128+signal
// after SIGINT/SIGTERM; 1 for a bad command line or an error that ends consumption.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/tools/cluster_metadata.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/consumer_command_options.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/log_timestamp.h"
#include "brokerd/tools/message_formatter.h"
#include "brokerd/tools/partition_assignment.h"
#include "brokerd/tools/partition_reader.h"
#include "brokerd/tools/stop_signals.h"
#include "brokerd/tools/subscription_reader.h"
#include "brokerd/tools/tool_error.h"

using namespace kb::tools;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr const char* summary = "This tool helps to read data from Kafka topics and outputs it to standard output.";
constexpr const char* logger = " (kafka.tools.ConsoleConsumer$)";
constexpr std::chrono::milliseconds poll_interval{100};
constexpr std::chrono::milliseconds metadata_timeout{5000};
// How often an --include subscription looks for new matching topics.
constexpr std::chrono::milliseconds include_refresh{5000};

enum class outcome { done, timed_out, stopped, failed };

void log(const char* level, const std::string& text) {
  std::cerr << log_timestamp() << ' ' << level << ' ' << text << logger << std::endl;
}

// Kafka logs the TimeoutException its ConsumerWrapper throws when --timeout-ms passes.
void log_timeout() {
  log("ERROR", "Error processing message, terminating consumer process: ");
  std::cerr << "org.apache.kafka.common.errors.TimeoutException" << std::endl;
}

// Errors after which the Java consumer's poll() throws; librdkafka reports the others (a
// broker connection lost, a leader moving) while it recovers by itself.
bool ends_consumption(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__FATAL || err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET ||
         err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE || err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED;
}

consumed_record to_record(const rd_kafka_message_t& m) {
  consumed_record r;
  r.partition = m.partition;
  r.offset = m.offset;
  rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
  r.timestamp = rd_kafka_message_timestamp(&m, &type);
  r.timestamp_type = type == RD_KAFKA_TIMESTAMP_CREATE_TIME       ? timestamp_kind::create_time
                     : type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? timestamp_kind::log_append_time
                                                                  : timestamp_kind::none;
  if (m.key) r.key = std::string_view(static_cast<const char*>(m.key), m.key_len);
  if (m.payload) r.value = std::string_view(static_cast<const char*>(m.payload), m.len);
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(&m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      std::optional<std::string_view> v;
      if (value) v = std::string_view(static_cast<const char*>(value), size);
      r.headers.emplace_back(name, v);
    }
  }
  return r;
}

std::vector<std::string> topics_of(const std::vector<partition_start>& plan) {
  std::vector<std::string> topics;
  for (const partition_start& p : plan) {
    if (std::find(topics.begin(), topics.end(), p.topic) == topics.end()) topics.push_back(p.topic);
  }
  return topics;
}

// The consuming part of the tool (Kafka's ConsoleConsumer.process with its ConsumerWrapper):
// finds the partitions or topics, reads them, prints each record through the formatter and
// counts them. Main thread only; lives inside the client it reads with.
class console_consumer {
 public:
  console_consumer(rd_kafka_t* rk, const consumer_command_options& opts, const stop_signals& stops)
      : rk_(rk), opts_(opts), stops_(stops), formatter_(opts.formatter_properties) {}

  int64_t processed() const { return processed_; }
  int stop_signal() const { return stops_.pending(); }

  // Waits for the topic to exist, then reads --partition directly, or else subscribes with the
  // group, and prints records until done. A subscription is closed on the way out (committing
  // what was printed, with auto-commit).
  outcome run() {
    std::vector<partition_start> plan;
    if (outcome o = wait_for_partitions(plan); o != outcome::done) return o;
    if (opts_.partition) {
      partition_reader reader(rk_);
      reader.start(plan);
      return consume(reader, nullptr);
    }
    subscription_reader reader(rk_);
    topics_ = topics_of(plan);
    reader.subscribe(topics_);
    const outcome o = consume(reader, &reader);
    reader.close();
    return o;
  }

 private:
  bool timed_out(clock_type::time_point since) const {
    return opts_.timeout_ms && clock_type::now() - since > std::chrono::milliseconds(*opts_.timeout_ms);
  }

  std::vector<partition_start> plan_for(const cluster_view& cluster) const {
    return plan_assignment(cluster, opts_.topic, opts_.include, opts_.partition, opts_.start_offset);
  }

  // A subscribing Java consumer waits for a missing topic to appear; so does this one. A
  // --partition the topic does not have throws command_error.
  outcome wait_for_partitions(std::vector<partition_start>& plan) {
    const auto start = clock_type::now();
    bool warned = false;
    while (true) {
      std::optional<cluster_view> cluster;
      try {
        cluster = fetch_cluster_metadata(rk_, metadata_timeout);
      } catch (const command_error& e) {
        if (!warned) log("WARN", e.what());
        warned = true;
      }
      if (cluster) {
        plan = plan_for(*cluster);
        if (!plan.empty()) return outcome::done;
        if (!warned) {
          log("WARN", "Error while fetching metadata: {" + opts_.topic.value_or(opts_.include.value_or("")) +
                          "=UNKNOWN_TOPIC_OR_PARTITION}; waiting for the topic to be created");
        }
        warned = true;
      }
      if (stops_.pending()) return outcome::stopped;
      if (timed_out(start)) return outcome::timed_out;
      rd_kafka_poll(rk_, 500);  // nothing to read yet: serve callbacks while waiting
    }
  }

  // An --include subscription follows the topics that come to match, as a Java pattern
  // subscription does at its metadata refreshes.
  void refresh_subscription(subscription_reader& reader) {
    try {
      std::vector<std::string> topics = topics_of(plan_for(fetch_cluster_metadata(rk_, metadata_timeout)));
      if (!topics.empty() && topics != topics_) {
        topics_ = std::move(topics);
        reader.subscribe(topics_);
      }
    } catch (const command_error& e) {
      log("WARN", e.what());
    }
  }

  outcome consume(record_source& source, subscription_reader* subscription) {
    auto last = clock_type::now();
    auto refreshed = last;
    while (!opts_.max_messages || processed_ < *opts_.max_messages) {
      if (stops_.pending()) return outcome::stopped;
      if (subscription && opts_.include && clock_type::now() - refreshed > include_refresh) {
        refresh_subscription(*subscription);
        refreshed = clock_type::now();
      }
      message_ptr m = source.next(poll_interval);
      if (!m) {
        if (timed_out(last)) return outcome::timed_out;
        continue;
      }
      if (m->err) {
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
        const std::string text = kafka_error_text(m->err, rd_kafka_message_errstr(m.get()));
        if (ends_consumption(m->err)) {
          log("ERROR", "Error processing message, terminating consumer process: " + text);
          return outcome::failed;
        }
        log("WARN", text);
        continue;
      }
      ++processed_;
      formatter_.write(to_record(*m), std::cout);
      std::cout.flush();  // like Java's autoflushing System.out: each record as it arrives
      if (!std::cout) {
        std::cerr << "Unable to write to standard out, closing consumer." << std::endl;
        return outcome::done;
      }
      last = clock_type::now();
    }
    return outcome::done;
  }

  rd_kafka_t* rk_;
  const consumer_command_options& opts_;
  const stop_signals& stops_;
  message_formatter formatter_;
  std::vector<std::string> topics_;  // the current subscription
  int64_t processed_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const consumer_command_line command_line;
  auto parsed = parse_or_usage(command_line, argc, argv, summary);
  if (!parsed.options) return parsed.exit_code;
  const std::optional<consumer_command_options>& opts = parsed.options;
  const stop_signals stops;             // before librdkafka starts its threads
  std::signal(SIGPIPE, SIG_IGN);        // a closed stdout shows up as a failed write instead
  outcome result = outcome::failed;
  int64_t processed = 0;
  int signal_number = 0;
  try {
    client_ptr client = opts->consumer.create(RD_KAFKA_CONSUMER, std::cerr);
    console_consumer consumer(client.get(), *opts, stops);
    result = consumer.run();
    processed = consumer.processed();
    signal_number = consumer.stop_signal();
    if (result == outcome::timed_out) log_timeout();
  } catch (const command_error& e) {
    log("ERROR", std::string("Unknown error when running consumer: ") + e.what());
  }
  std::cout.flush();
  std::cerr << "Processed a total of " << processed << " messages" << std::endl;
  switch (result) {
    case outcome::done:
    case outcome::timed_out:
      return 0;
    case outcome::stopped:
      return 128 + signal_number;
    case outcome::failed:
      return 1;
  }
  return 1;
}
