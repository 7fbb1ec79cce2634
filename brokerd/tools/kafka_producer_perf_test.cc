// kafka-producer-perf-test: Kafka 3.5's ProducerPerformance on librdkafka. Sends
// --num-records records of --record-size bytes (or lines of --payload-file) to --topic, at
// most --throughput records/s (-1: as fast as it can), and prints Kafka's lines: one per
// 5-second window, then
//   N records sent, X records/sec (Y MB/sec), Z ms avg latency, W ms max latency,
//   P ms 50th, P ms 95th, P ms 99th, P ms 99.9th.
// A record's latency runs from its send to its acknowledgement, in whole milliseconds.
// Client properties: --producer.config FILE, then --producer-props k=v ... (bootstrap.servers,
// acks, linger.ms, batch.size, compression.type, ...; Java-only names are skipped with the
// Java client's warning). Exit status 0; 1 for a bad command line or if any record failed
// (each failure is printed; Kafka's tool prints them and still exits 0).
#include <boost/program_options.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "brokerd/tools/client_config.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/key_value_args.h"
#include "brokerd/tools/producer_perf_stats.h"
#include "brokerd/tools/tool_error.h"

namespace po = boost::program_options;
using namespace kb::tools;

namespace {

using clock_type = std::chrono::steady_clock;

constexpr const char* summary = "This tool is used to verify the producer performance.";

int64_t ms_since(clock_type::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - start).count();
}

struct perf_options {
  std::string topic;
  int64_t num_records = 0;
  double throughput = -1;
  std::optional<int> record_size;
  std::optional<std::string> payload_file;
  std::string payload_delimiter = "\\n";
  client_config producer;
  bool print_metrics = false;
};

po::options_description describe() {
  po::options_description d("Options");
  d.add_options()
      ("topic", po::value<std::string>()->value_name("TOPIC"), "produce messages to this topic")
      ("num-records", po::value<int64_t>()->value_name("NUM-RECORDS"), "number of messages to produce")
      ("payload-delimiter", po::value<std::string>()->value_name("PAYLOAD-DELIMITER"),
       "provides delimiter to be used when --payload-file is provided. Defaults to new line. Note that this "
       "parameter will be ignored if --payload-file is not provided.")
      ("throughput", po::value<double>()->value_name("THROUGHPUT"),
       "throttle maximum message throughput to *approximately* THROUGHPUT messages/sec. Set this to -1 to "
       "disable throttling.")
      ("producer-props", po::value<std::vector<std::string>>()->multitoken()->value_name("PROP-NAME=PROP-VALUE"),
       "kafka producer related configuration properties like bootstrap.servers,client.id etc. These configs take "
       "precedence over those passed via --producer.config.")
      ("producer.config", po::value<std::string>()->value_name("CONFIG-FILE"), "producer config properties file.")
      ("print-metrics", "print out metrics at the end of the test.")
      ("transactional-id", po::value<std::string>()->value_name("TRANSACTIONAL-ID"),
       "The transactionalId to use if transaction-duration-ms is > 0.")
      ("transaction-duration-ms", po::value<int64_t>()->value_name("TRANSACTION-DURATION"),
       "The max age of each transaction.")
      ("record-size", po::value<int>()->value_name("RECORD-SIZE"),
       "message size in bytes. Note that you must provide exactly one of --record-size or --payload-file.")
      ("payload-file", po::value<std::string>()->value_name("PAYLOAD-FILE"),
       "file to read the message payloads from. This works only for UTF-8 encoded text files. Payloads will be "
       "read from this file and a payload will be randomly selected when sending messages. Note that you must "
       "provide exactly one of --record-size or --payload-file.")
      ("help,h", "show this help message and exit");
  return d;
}

std::optional<perf_options> parse(int argc, char** argv) {
  const po::options_description desc = describe();
  po::variables_map vm;
  parse_command_line(argc, argv, desc, vm);
  if (vm.count("help")) return std::nullopt;
  for (const char* required : {"topic", "num-records", "throughput"}) {
    if (!vm.count(required)) throw usage_error(std::string("argument --") + required + " is required");
  }
  if (vm.count("record-size") == vm.count("payload-file")) {
    throw usage_error("one of the arguments --record-size --payload-file is required, and not both");
  }
  if (!vm.count("producer-props") && !vm.count("producer.config")) {
    throw usage_error("Either --producer-props or --producer.config must be specified.");
  }
  if (vm.count("transactional-id") || vm.count("transaction-duration-ms")) {
    throw command_error("Transactions are not supported by this broker yet: run without --transactional-id and "
                        "--transaction-duration-ms.");
  }
  perf_options o;
  o.topic = vm["topic"].as<std::string>();
  o.num_records = vm["num-records"].as<int64_t>();
  o.throughput = vm["throughput"].as<double>();
  if (o.num_records < 0) throw usage_error("argument --num-records: must not be negative");
  if (vm.count("record-size")) {
    o.record_size = vm["record-size"].as<int>();
    if (*o.record_size < 0) throw usage_error("argument --record-size: must not be negative");
  }
  if (vm.count("payload-file")) o.payload_file = vm["payload-file"].as<std::string>();
  if (vm.count("payload-delimiter")) o.payload_delimiter = vm["payload-delimiter"].as<std::string>();
  o.print_metrics = vm.count("print-metrics") > 0;
  if (vm.count("producer.config")) o.producer.merge_file(vm["producer.config"].as<std::string>());
  if (vm.count("producer-props")) o.producer.merge(parse_key_value_args(vm["producer-props"].as<std::vector<std::string>>()));
  return o;
}

// Kafka reads the file, splits it at the delimiter ("\n" written as two characters means a
// newline) and drops empty payloads.
std::vector<std::string> read_payloads(const std::string& file, std::string delimiter) {
  if (delimiter == "\\n") delimiter = "\n";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw command_error("File does not exist or could not be read: " + file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  std::vector<std::string> out;
  for (size_t start = 0; start <= all.size();) {
    size_t end = delimiter.empty() ? std::string::npos : all.find(delimiter, start);
    std::string piece = all.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!piece.empty()) out.push_back(std::move(piece));
    if (end == std::string::npos) break;
    start = end + delimiter.size();
  }
  if (out.empty()) throw command_error("File is empty: " + file);
  std::cout << "Reading payloads from: " << file << "\nNumber of messages read: " << out.size() << std::endl;
  return out;
}

// What the delivery callback works with. librdkafka calls it from rd_kafka_poll on this thread.
struct run_state {
  clock_type::time_point start;
  producer_perf_stats* stats = nullptr;
  int64_t acknowledged = 0;  // Kafka's Stats iteration: successful records, in completion order
  int64_t failed = 0;
};

// One record in flight: allocated at send, freed by its delivery report (so memory follows
// the records in flight, not --num-records).
struct in_flight {
  int64_t sent_ms;
  int64_t bytes;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* state = static_cast<run_state*>(opaque);
  std::unique_ptr<in_flight> record(static_cast<in_flight*>(m->_private));
  const int64_t now = ms_since(state->start);
  if (m->err) {
    // Kafka counts only successful sends, so that a failing run does not print a rate.
    ++state->failed;
    std::cerr << kafka_exception_text(m->err) << std::endl;
    return;
  }
  state->stats->record(state->acknowledged++, static_cast<int>(now - record->sent_ms), record->bytes, now);
}

int run(const perf_options& o) {
  std::vector<std::string> payloads;
  if (o.payload_file) payloads = read_payloads(*o.payload_file, o.payload_delimiter);
  std::string fixed;
  if (o.record_size) {
    std::mt19937 rng(0);
    std::uniform_int_distribution<int> letter('A', 'Z');
    fixed.resize(static_cast<size_t>(*o.record_size));
    for (char& c : fixed) c = static_cast<char>(letter(rng));
  }

  run_state state;
  conf_ptr conf = o.producer.build(std::cerr);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), on_delivery);
  rd_kafka_conf_set_opaque(conf.get(), &state);
  client_ptr producer = create_client(RD_KAFKA_PRODUCER, std::move(conf));
  rd_kafka_t* rk = producer.get();

  std::mt19937 pick(1);
  state.start = clock_type::now();
  producer_perf_stats stats(o.num_records, 0, std::cout);
  state.stats = &stats;
  for (int64_t i = 0; i < o.num_records; ++i) {
    const std::string& value = payloads.empty() ? fixed : payloads[pick() % payloads.size()];
    if (o.throughput > 0) {
      // Kafka's ThroughputThrottler: never ahead of i / throughput seconds; delivery reports
      // are served while waiting.
      const auto due = static_cast<int64_t>(static_cast<double>(i) * 1000.0 / o.throughput);
      for (int64_t ahead = due - ms_since(state.start); ahead > 0; ahead = due - ms_since(state.start)) {
        rd_kafka_poll(rk, static_cast<int>(ahead));
      }
    }
    auto record = std::make_unique<in_flight>(in_flight{ms_since(state.start), static_cast<int64_t>(value.size())});
    rd_kafka_resp_err_t err;
    // Flags 0: librdkafka neither copies nor frees the payload, which outlives the run.
    while ((err = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(o.topic.c_str()), RD_KAFKA_V_MSGFLAGS(0),
                                    RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                                    RD_KAFKA_V_OPAQUE(record.get()), RD_KAFKA_V_END)) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(rk, 10);  // the Java producer blocks in send() the same way
    }
    if (err) throw command_error(kafka_error_text(err, rd_kafka_err2str(err)));
    record.release();  // its delivery report frees it
    rd_kafka_poll(rk, 0);
  }
  while (rd_kafka_outq_len(rk) > 0) rd_kafka_flush(rk, 1000);
  rd_kafka_poll(rk, 0);
  stats.print_total(ms_since(state.start));
  if (o.print_metrics) {
    std::cout << "(--print-metrics: this producer is librdkafka, which has no Java client metrics to print)"
              << std::endl;
  }
  return state.failed > 0 ? 1 : 0;
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
    print_usage(std::cerr, std::string("kafka-producer-perf-test: error: ") + e.what(), describe());
    return 1;
  } catch (const command_error& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
}
