// kafka-consumer-perf-test: Kafka 3.5's ConsumerPerformance on librdkafka. A consumer in
// --group (default perf-consumer-NNNNN) subscribes to --topic from the earliest offset
// (--from-latest: the latest) and reads until it has --messages records or --timeout ms pass
// without one, then prints Kafka's header and line:
//   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
//   rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
// (rebalance.time.ms: until the group assigned partitions; fetch.*: the time after that).
// --show-detailed-stats prints a line per --reporting-interval instead. Bytes are key plus
// value sizes; MB is 2^20 bytes. Exit status 0; 1 for a bad command line or a consumer error.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <random>
#include <string>

#include "brokerd/tools/client_config.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/tool_error.h"

namespace po = boost::program_options;
using namespace kb::tools;

namespace {

using clock_type = std::chrono::steady_clock;
using wall_clock = std::chrono::system_clock;

constexpr const char* summary = "This tool helps in performance test for the full zookeeper consumer";
constexpr double mib = 1024.0 * 1024.0;

struct perf_options {
  std::string topic;
  int64_t messages = 0;
  std::string group;
  bool from_latest = false;
  bool detailed = false;
  bool hide_header = false;
  int64_t reporting_interval_ms = 5000;
  int64_t timeout_ms = 10000;
  std::string date_format = "yyyy-MM-dd HH:mm:ss:SSS";
  client_config consumer;
};

po::options_description describe() {
  po::options_description d("Option");
  d.add_options()
      ("bootstrap-server", po::value<std::string>()->value_name("<String: server to connect to>"),
       "REQUIRED unless --broker-list(deprecated) is specified. The server(s) to connect to.")
      ("broker-list", po::value<std::string>()->value_name("<String: broker-list>"),
       "DEPRECATED, use --bootstrap-server instead; ignored if --bootstrap-server is specified.")
      ("topic", po::value<std::string>()->value_name("<String: topic>"), "REQUIRED: The topic to consume from.")
      ("messages", po::value<int64_t>()->value_name("<Long: count>"), "REQUIRED: The number of messages to send or consume")
      ("group", po::value<std::string>()->value_name("<String: gid>"),
       "The group id to consume on. (default: perf-consumer-<random>)")
      ("fetch-size", po::value<int32_t>()->default_value(1048576)->value_name("<Integer: size>"),
       "The amount of data to fetch in a single request.")
      ("from-latest", "If the consumer does not already have an established offset to consume from, start with the "
                      "latest message present in the log rather than the earliest message.")
      ("socket-buffer-size", po::value<int32_t>()->default_value(2097152)->value_name("<Integer: size>"),
       "The size of the tcp RECV size.")
      ("consumer.config", po::value<std::string>()->value_name("<String: config file>"), "Consumer config properties file.")
      ("threads", po::value<int32_t>()->value_name("<Integer: count>"), "DEPRECATED and ignored: the number of processing threads.")
      ("num-fetch-threads", po::value<int32_t>()->value_name("<Integer: count>"), "DEPRECATED and ignored: the number of fetcher threads.")
      ("show-detailed-stats", "If set, stats are reported for each reporting interval as configured by reporting-interval")
      ("reporting-interval", po::value<int64_t>()->default_value(5000)->value_name("<Integer: interval_ms>"),
       "Interval in milliseconds at which to print progress info.")
      ("date-format", po::value<std::string>()->default_value("yyyy-MM-dd HH:mm:ss:SSS")->value_name("<String: date format>"),
       "The date format to use for formatting the time field. See java.text.SimpleDateFormat for options.")
      ("hide-header", "If set, skips printing the header for the stats")
      ("print-metrics", "Print out the metrics.")
      ("timeout", po::value<int64_t>()->default_value(10000)->value_name("<Long: milliseconds>"),
       "The maximum allowed time in milliseconds between returned records.")
      ("help", "Print usage information.")
      ("version", "Display Kafka version.");
  return d;
}

std::optional<perf_options> parse(int argc, char** argv) {
  const po::options_description desc = describe();
  po::variables_map vm;
  parse_command_line(argc, argv, desc, vm);
  if (vm.count("help") || argc <= 1) return std::nullopt;
  require_option(vm, "topic");
  require_option(vm, "messages");
  if (!vm.count("bootstrap-server") && !vm.count("broker-list")) require_option(vm, "bootstrap-server");
  perf_options o;
  o.topic = vm["topic"].as<std::string>();
  o.messages = vm["messages"].as<int64_t>();
  if (o.messages <= 0) throw usage_error("--messages must be positive");
  o.group = vm.count("group") ? vm["group"].as<std::string>()
                              : "perf-consumer-" + std::to_string(std::random_device{}() % 100000);
  o.from_latest = vm.count("from-latest") > 0;
  o.detailed = vm.count("show-detailed-stats") > 0;
  o.hide_header = vm.count("hide-header") > 0;
  o.reporting_interval_ms = vm["reporting-interval"].as<int64_t>();
  o.timeout_ms = vm["timeout"].as<int64_t>();
  o.date_format = vm["date-format"].as<std::string>();
  if (o.reporting_interval_ms <= 0) throw usage_error("Reporting interval must be greater than 0.");
  if (vm.count("consumer.config")) o.consumer.merge_file(vm["consumer.config"].as<std::string>());
  o.consumer.set("bootstrap.servers", vm.count("bootstrap-server") ? vm["bootstrap-server"].as<std::string>()
                                                                   : vm["broker-list"].as<std::string>());
  o.consumer.set("group.id", o.group);
  o.consumer.set("auto.offset.reset", o.from_latest ? "latest" : "earliest");
  o.consumer.set("receive.message.max.bytes", std::to_string(std::max(vm["fetch-size"].as<int32_t>() + 512, 1000)));
  o.consumer.set("fetch.max.bytes", std::to_string(vm["fetch-size"].as<int32_t>()));
  o.consumer.set("socket.receive.buffer.bytes", std::to_string(vm["socket-buffer-size"].as<int32_t>()));
  o.consumer.set("enable.auto.commit", "true");  // as the Java consumer Kafka's tool runs
  return o;
}

// A wall-clock time in the subset of java.text.SimpleDateFormat the tool's users write:
// yyyy, MM, dd, HH, mm, ss, SSS; other characters are copied.
std::string format_time(wall_clock::time_point t, const std::string& pattern) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&secs, &tm);
  std::string out;
  char buf[16];
  for (size_t i = 0; i < pattern.size();) {
    auto run = [&](const char* token) { return pattern.compare(i, std::strlen(token), token) == 0; };
    if (run("yyyy")) { std::snprintf(buf, sizeof buf, "%04d", tm.tm_year + 1900); out += buf; i += 4; }
    else if (run("MM")) { std::snprintf(buf, sizeof buf, "%02d", tm.tm_mon + 1); out += buf; i += 2; }
    else if (run("dd")) { std::snprintf(buf, sizeof buf, "%02d", tm.tm_mday); out += buf; i += 2; }
    else if (run("HH")) { std::snprintf(buf, sizeof buf, "%02d", tm.tm_hour); out += buf; i += 2; }
    else if (run("mm")) { std::snprintf(buf, sizeof buf, "%02d", tm.tm_min); out += buf; i += 2; }
    else if (run("ss")) { std::snprintf(buf, sizeof buf, "%02d", tm.tm_sec); out += buf; i += 2; }
    else if (run("SSS")) { std::snprintf(buf, sizeof buf, "%03d", static_cast<int>(ms % 1000)); out += buf; i += 3; }
    else out += pattern[i++];
  }
  return out;
}

// What the rebalance callback records: when the group first gave this consumer partitions.
struct group_state {
  clock_type::time_point start;
  std::optional<clock_type::time_point> assigned_at;
};

void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* state = static_cast<group_state*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    if (!state->assigned_at) state->assigned_at = clock_type::now();
    rd_kafka_assign(rk, partitions);
  } else {
    rd_kafka_assign(rk, nullptr);
  }
}

bool ends_run(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__FATAL || err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET ||
         err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE || err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
         err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED;
}

double ms_between(clock_type::time_point a, clock_type::time_point b) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}

int run(const perf_options& o) {
  group_state state;
  conf_ptr conf = o.consumer.build(std::cerr);
  rd_kafka_conf_set_rebalance_cb(conf.get(), on_rebalance);
  rd_kafka_conf_set_opaque(conf.get(), &state);
  client_ptr consumer = create_client(RD_KAFKA_CONSUMER, std::move(conf));
  rd_kafka_t* rk = consumer.get();
  rd_kafka_poll_set_consumer(rk);
  std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)> topics(
      rd_kafka_topic_partition_list_new(1), rd_kafka_topic_partition_list_destroy);
  rd_kafka_topic_partition_list_add(topics.get(), o.topic.c_str(), RD_KAFKA_PARTITION_UA);

  const char* header = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, "
                       "rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";
  if (!o.hide_header) std::cout << (o.detailed ? "time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
                                                 "nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec"
                                               : header) << std::endl;
  const auto start_wall = wall_clock::now();
  state.start = clock_type::now();
  if (rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, topics.get())) {
    throw command_error(kafka_exception_text(err));
  }
  int64_t count = 0, bytes = 0, last_count = 0, last_bytes = 0;
  auto last_record = clock_type::now();
  auto last_report = state.start;
  bool failed = false;
  while (count < o.messages) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
    const auto now = clock_type::now();
    if (m) {
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        // not an error: nothing more for now
      } else if (m->err) {
        // The errors after which the Java consumer's poll() throws end the run; librdkafka
        // reports the others (a broker connection lost, a leader moving) while it recovers.
        std::cerr << (ends_run(m->err) ? "ERROR " : "WARN ") << kafka_error_text(m->err, rd_kafka_message_errstr(m))
                  << std::endl;
        if (ends_run(m->err)) {
          failed = true;
          rd_kafka_message_destroy(m);
          break;
        }
      } else {
        ++count;
        bytes += static_cast<int64_t>(m->len + m->key_len);
        last_record = now;
      }
      rd_kafka_message_destroy(m);
    }
    if (o.detailed && ms_between(last_report, now) >= static_cast<double>(o.reporting_interval_ms)) {
      const double elapsed = ms_between(last_report, now);
      std::printf("%s, %d, %.4f, %.4f, %lld, %.4f, %d, %.0f, %.4f, %.4f\n",
                  format_time(wall_clock::now(), o.date_format).c_str(), 0, static_cast<double>(bytes) / mib,
                  1000.0 * static_cast<double>(bytes - last_bytes) / mib / elapsed, static_cast<long long>(count),
                  1000.0 * static_cast<double>(count - last_count) / elapsed, 0, elapsed,
                  1000.0 * static_cast<double>(bytes - last_bytes) / mib / elapsed,
                  1000.0 * static_cast<double>(count - last_count) / elapsed);
      std::fflush(stdout);
      last_report = now;
      last_count = count;
      last_bytes = bytes;
    }
    if (ms_between(last_record, now) > static_cast<double>(o.timeout_ms)) {
      // Kafka prints this on standard output, before the figures.
      std::cout << "WARNING: Exiting before consuming the expected number of messages: timeout (" << o.timeout_ms
                << " ms) exceeded. You can use the --timeout option to increase the timeout." << std::endl;
      break;
    }
  }
  const auto end = clock_type::now();
  const auto end_wall = wall_clock::now();
  rd_kafka_consumer_close(rk);

  const double total_ms = std::max(ms_between(state.start, end), 1.0);
  const double rebalance_ms = state.assigned_at ? ms_between(state.start, *state.assigned_at) : 0;
  const double fetch_ms = std::max(total_ms - rebalance_ms, 1.0);
  const double mb = static_cast<double>(bytes) / mib;
  if (!o.detailed) {
    std::printf("%s, %s, %.4f, %.4f, %lld, %.4f, %.0f, %.0f, %.4f, %.4f\n",
                format_time(start_wall, o.date_format).c_str(), format_time(end_wall, o.date_format).c_str(), mb,
                1000.0 * mb / total_ms, static_cast<long long>(count), 1000.0 * static_cast<double>(count) / total_ms,
                rebalance_ms, fetch_ms, 1000.0 * mb / fetch_ms, 1000.0 * static_cast<double>(count) / fetch_ms);
    std::fflush(stdout);
  }
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::optional<perf_options> o = parse(argc, argv);
    if (!o) {
      print_usage(std::cout, summary, describe());
      return 0;
    }
    return run(*o);
  } catch (const usage_error& e) {
    print_usage(std::cerr, e.what(), describe());
    return 1;
  } catch (const command_error& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
}
