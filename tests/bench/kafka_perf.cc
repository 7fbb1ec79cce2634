// kafka-perf: produce and consume load for a Kafka-compatible broker, or for librdkafka's
// in-process mock cluster as a baseline measured the same way (docs/PERFORMANCE.md).
//
//   kafka-perf produce --bootstrap-server 127.0.0.1:9092 --topic t --num-records 200000
//       --record-size 100 --acks all --partitions 8 --replication-factor 1 --linger-ms 5
//   kafka-perf produce --mock-brokers 1 --topic t --num-records 200000 --record-size 100
//   kafka-perf consume --bootstrap-server 127.0.0.1:9092 --topic t --num-records 200000
//   kafka-perf fetch --bootstrap-server 127.0.0.1:9092 --topic t --num-records 200000
//
// The summary goes to stdout in kafka-producer-perf-test's and kafka-consumer-perf-test's
// units (MB = 2^20 bytes); progress and warnings go to stderr. Errors exit 1 with a message.
//   produce: "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency,
//            p50 ms 50th, p99 ms 99th." Latency runs from the start of a record's send (any
//            wait for room in librdkafka's queue included) to its delivery report.
//   consume: "N records, X records/sec (Y MB/sec)", timed from the first record to the last
//            (librdkafka's start-up before the first fetch is reported on stderr, not counted).
//   fetch:   the same line, for plain Fetch requests that count records from batch headers
//            (how fast the broker serves, without librdkafka's per-record parsing); timed from
//            the first request.
// A measuring tool, not a test: it is not registered with CTest.

#include <boost/program_options.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/bench/perf_consumer.h"
#include "tests/bench/perf_fetcher.h"
#include "tests/bench/perf_options.h"
#include "tests/bench/perf_producer.h"

namespace po = boost::program_options;

namespace kb::bench {
namespace {

constexpr double mebibyte = 1024.0 * 1024.0;

class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

po::options_description option_table() {
  po::options_description d("kafka-perf produce|consume|fetch [options]");
  // clang-format off
  d.add_options()
      ("help,h", "print this help")
      ("bootstrap-server", po::value<std::string>(), "host:port of a broker to measure")
      ("mock-brokers", po::value<int>(), "measure librdkafka's in-process mock cluster with N brokers instead")
      ("topic", po::value<std::string>(), "topic to write or read (required)")
      ("num-records", po::value<int64_t>(), "records to send or read (required)")
      ("record-size", po::value<int>()->default_value(100), "bytes per record value (produce, and the mock's consume fill)")
      ("acks", po::value<std::string>()->default_value("1"), "0, 1 or all (produce)")
      ("throughput", po::value<double>()->default_value(-1),
       "records/s the producer may send; -1: as fast as it can (produce)")
      ("partitions", po::value<int>(), "create the topic with this many partitions first (produce; on the mock also consume)")
      ("replication-factor", po::value<int>()->default_value(1), "replication factor of the created topic")
      ("linger-ms", po::value<double>(), "producer linger.ms (default: librdkafka's, 5)")
      ("batch-size", po::value<int>(), "producer batch.size in bytes (default: librdkafka's, 1000000)")
      ("compression", po::value<std::string>(), "producer compression.type: none, gzip, snappy, lz4, zstd")
      ("property,X", po::value<std::vector<std::string>>()->composing(),
       "k=v librdkafka client property, repeatable; applied last, so it overrides the flags above")
      ("timeout-ms", po::value<int>()->default_value(30000),
       "longest wait for metadata and topic creation, for the next record (consume), and for the "
       "next delivery report once all records are sent (produce)");
  // clang-format on
  return d;
}

perf_options parse(int argc, char** argv, const po::options_description& table) {
  po::options_description all;
  all.add(table).add_options()("mode", po::value<std::string>(), "produce, consume or fetch");
  po::positional_options_description positional;
  positional.add("mode", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw usage_error(e.what());
  }
  if (vm.count("help")) {
    std::cout << table << "\n";
    std::exit(0);
  }

  perf_options o;
  const std::string mode = vm.count("mode") ? vm["mode"].as<std::string>() : "";
  if (mode == "produce") {
    o.run_mode = perf_options::mode::produce;
  } else if (mode == "consume") {
    o.run_mode = perf_options::mode::consume;
  } else if (mode == "fetch") {
    o.run_mode = perf_options::mode::fetch;
  } else {
    throw usage_error(mode.empty() ? "missing mode: produce, consume or fetch" : "unknown mode '" + mode + "'");
  }
  if (vm.count("bootstrap-server") == vm.count("mock-brokers")) {
    throw usage_error("give exactly one of --bootstrap-server and --mock-brokers");
  }
  if (vm.count("bootstrap-server")) o.bootstrap_server = vm["bootstrap-server"].as<std::string>();
  if (o.run_mode == perf_options::mode::fetch && vm.count("mock-brokers")) {
    throw usage_error("fetch reads a real broker: use --bootstrap-server");
  }
  if (vm.count("mock-brokers")) {
    o.mock_brokers = vm["mock-brokers"].as<int>();
    if (o.mock_brokers < 1) throw usage_error("--mock-brokers must be at least 1");
  }
  if (!vm.count("topic") || vm["topic"].as<std::string>().empty()) throw usage_error("--topic is required");
  o.topic = vm["topic"].as<std::string>();
  if (!vm.count("num-records") || vm["num-records"].as<int64_t>() < 1) {
    throw usage_error("--num-records is required and must be positive");
  }
  o.num_records = vm["num-records"].as<int64_t>();
  o.record_size = vm["record-size"].as<int>();
  if (o.record_size < 1) throw usage_error("--record-size must be positive");
  o.throughput = vm["throughput"].as<double>();
  o.acks = vm["acks"].as<std::string>();
  if (o.acks != "0" && o.acks != "1" && o.acks != "all" && o.acks != "-1") {
    throw usage_error("--acks must be 0, 1 or all, not '" + o.acks + "'");
  }
  if (vm.count("partitions")) {
    o.partitions = vm["partitions"].as<int>();
    if (o.partitions < 1) throw usage_error("--partitions must be positive");
    if (o.run_mode != perf_options::mode::produce && !o.uses_mock()) {
      throw usage_error("--partitions creates the topic: use it with produce (consume reads an existing topic)");
    }
  }
  o.replication_factor = vm["replication-factor"].as<int>();
  if (o.replication_factor < 1) throw usage_error("--replication-factor must be positive");
  if (vm.count("linger-ms")) o.linger_ms = vm["linger-ms"].as<double>();
  if (vm.count("batch-size")) o.batch_size = vm["batch-size"].as<int>();
  if (vm.count("compression")) o.compression = vm["compression"].as<std::string>();
  if (vm.count("property")) {
    for (const std::string& kv : vm["property"].as<std::vector<std::string>>()) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw usage_error("-X expects key=value, not '" + kv + "'");
      o.properties.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
  }
  o.timeout_ms = vm["timeout-ms"].as<int>();
  if (o.timeout_ms < 1) throw usage_error("--timeout-ms must be positive");
  return o;
}

void run_produce(const perf_options& options) {
  perf_producer producer(options);
  if (options.partitions > 0 || options.uses_mock()) create_topic(producer.handle(), options, producer.events());
  wait_for_topic(producer.handle(), options, options.partitions, producer.events());
  std::cerr << "kafka-perf: producing " << options.num_records << " records of " << options.record_size
            << " B to " << options.topic << " on " << target_name(options) << ", acks=" << options.acks << "\n";
  const produce_result r = producer.run(options.topic, options.num_records, options.record_size, options.throughput);
  std::printf(
      "%lld records sent, %.1f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, "
      "%.2f ms 50th, %.2f ms 99th.\n",
      static_cast<long long>(r.records), static_cast<double>(r.records) / r.seconds,
      static_cast<double>(r.bytes) / mebibyte / r.seconds, r.latency.avg_ms, r.latency.max_ms, r.latency.p50_ms,
      r.latency.p99_ms);
}

void print_consume(const perf_options& options) {
  std::cerr << "kafka-perf: consuming " << options.num_records << " records of " << options.topic << " from "
            << target_name(options) << "\n";
  const consume_result r = run_consume(options);
  std::cerr << "kafka-perf: first record " << static_cast<int>(r.startup_seconds * 1000)
            << " ms after starting the partitions (not counted)\n";
  std::printf("%lld records, %.1f records/sec (%.2f MB/sec)\n", static_cast<long long>(r.records),
              static_cast<double>(r.records) / r.seconds, static_cast<double>(r.bytes) / mebibyte / r.seconds);
}

void print_fetch(const perf_options& options) {
  std::cerr << "kafka-perf: fetching " << options.num_records << " records of " << options.topic << " from "
            << target_name(options) << " (plain Fetch requests, records counted from batch headers)\n";
  const fetch_result r = run_fetch(options);
  std::printf("%lld records, %.1f records/sec (%.2f MB/sec)\n", static_cast<long long>(r.records),
              static_cast<double>(r.records) / r.seconds, static_cast<double>(r.bytes) / mebibyte / r.seconds);
}

}  // namespace
}  // namespace kb::bench

int main(int argc, char** argv) {
  using namespace kb::bench;
  const po::options_description table = option_table();
  try {
    const perf_options options = parse(argc, argv, table);
    switch (options.run_mode) {
      case perf_options::mode::produce: run_produce(options); break;
      case perf_options::mode::consume: print_consume(options); break;
      case perf_options::mode::fetch: print_fetch(options); break;
    }
    std::fflush(stdout);
    return 0;
  } catch (const usage_error& e) {
    std::cerr << "kafka-perf: " << e.what() << "\n\n" << table << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "kafka-perf: error: " << e.what() << "\n";
    return 1;
  }
}
