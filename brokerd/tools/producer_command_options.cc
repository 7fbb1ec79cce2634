#include "brokerd/tools/producer_command_options.h"

#include <cstdint>

#include "brokerd/config/config_error.h"
#include "brokerd/config/properties_file.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

namespace {

constexpr const char* line_reader_class = "kafka.tools.ConsoleProducer$LineMessageReader";

// CommandLineUtils.maybeMergeOptions: the flag wins when given, else an existing property
// stays, else the flag's default fills it in.
template <class T>
void merge_option(client_config& props, const char* key, const po::variables_map& vm, const char* option) {
  if (!vm[option].defaulted() || !props.contains(key)) {
    if constexpr (std::is_same_v<T, std::string>) {
      props.set(key, vm[option].as<T>());
    } else {
      props.set(key, std::to_string(vm[option].as<T>()));
    }
  }
}

}  // namespace

producer_command_line::producer_command_line() {
  description_.add_options()
    ("batch-size", po::value<int32_t>()->default_value(16384)->value_name("<Integer: size>"),
     "Number of messages to send in a single batch if they are not being sent synchronously. please note "
     "that this option will be replaced if max-partition-memory-bytes is also set")
    ("bootstrap-server", po::value<std::string>()->value_name("<String: server to connect to>"),
     "REQUIRED unless --broker-list(deprecated) is specified. The server(s) to connect to. The broker list "
     "string in the form HOST1:PORT1,HOST2:PORT2.")
    ("broker-list", po::value<std::string>()->value_name("<String: broker-list>"),
     "DEPRECATED, use --bootstrap-server instead; ignored if --bootstrap-server is specified.  The broker "
     "list string in the form HOST1:PORT1,HOST2:PORT2.")
    ("compression-codec", po::value<std::string>()->implicit_value("")->value_name("[String: compression-codec]"),
     "The compression codec: either 'none', 'gzip', 'snappy', 'lz4', or 'zstd'.If specified without value, "
     "then it defaults to 'gzip'")
    ("help", "Print usage information.")
    ("line-reader", po::value<std::string>()->default_value(line_reader_class)->value_name("<String: reader_class>"),
     "The class name of the class to use for reading lines from standard in. By default each line is read "
     "as a separate message (the only reader this tool has).")
    ("max-block-ms", po::value<int64_t>()->value_name("<Long: max block on send>"),
     "The max time that the producer will block for during a send request. (Accepted; this producer waits "
     "for queue space instead.)")
    ("max-memory-bytes", po::value<int64_t>()->value_name("<Long: total memory in bytes>"),
     "The total memory used by the producer to buffer records waiting to be sent to the server. This is the "
     "option to control `queue.buffering.max.kbytes` in librdkafka.")
    ("max-partition-memory-bytes", po::value<int32_t>()->value_name("<Integer: memory in bytes per partition>"),
     "The buffer size allocated for a partition. This is the option to control `batch.size` in producer "
     "configs.")
    ("message-send-max-retries", po::value<int32_t>()->default_value(3),
     "Brokers can fail receiving the message for multiple reasons, and being unavailable transiently is just "
     "one of them. This property specifies the number of retries before the producer give up and drop this "
     "message. This is the option to control `retries` in producer configs.")
    ("metadata-expiry-ms", po::value<int64_t>()->default_value(300000)->value_name("<Long: metadata expiration interval>"),
     "The period of time in milliseconds after which we force a refresh of metadata even if we haven't seen "
     "any leadership changes. This is the option to control `metadata.max.age.ms` in producer configs.")
    ("producer-property", po::value<std::vector<std::string>>()->composing()->value_name("<String: producer_prop>"),
     "A mechanism to pass user-defined properties in the form key=value to the producer. ")
    ("producer.config", po::value<std::string>()->value_name("<String: config file>"),
     "Producer config properties file. Note that [producer-property] takes precedence over this config.")
    ("property", po::value<std::vector<std::string>>()->composing()->value_name("<String: prop>"),
     "A mechanism to pass user-defined properties in the form key=value to the message reader. Default "
     "properties include:\n parse.key=false\n parse.headers=false\n ignore.error=false\n key.separator=\\t\n "
     "headers.delimiter=\\t\n headers.separator=,\n headers.key.separator=:\n null.marker=   When set, any "
     "fields (key, value and headers) equal to this will be replaced by null")
    ("reader-config", po::value<std::string>()->value_name("<String: config file>"),
     "Config properties file for the message reader. Note that [property] takes precedence over this config.")
    ("request-required-acks", po::value<std::string>()->default_value("-1")->value_name("<String: request required acks>"),
     "The required `acks` of the producer requests")
    ("request-timeout-ms", po::value<int32_t>()->default_value(1500)->value_name("<Integer: request timeout ms>"),
     "The ack timeout of the producer requests. Value must be non-negative and non-zero.")
    ("retry-backoff-ms", po::value<int64_t>()->default_value(100),
     "Before each retry, the producer refreshes the metadata of relevant topics. This is the option to "
     "control `retry.backoff.ms` in producer configs.")
    ("socket-buffer-size", po::value<int32_t>()->default_value(102400)->value_name("<Integer: size>"),
     "The size of the tcp RECV size. This is the option to control `send.buffer.bytes` in producer configs.")
    ("sync", "If set message send requests to the brokers are synchronously, one at a time as they arrive.")
    ("timeout", po::value<int64_t>()->default_value(1000)->value_name("<Long: timeout_ms>"),
     "If set and the producer is running in asynchronous mode, this gives the maximum amount of time a "
     "message will queue awaiting sufficient batch size. The value is given in ms. This is the option to "
     "control `linger.ms` in producer configs.")
    ("topic", po::value<std::string>()->value_name("<String: topic>"),
     "REQUIRED: The topic id to produce messages to.");
}

std::optional<producer_command_options> producer_command_line::parse(int argc, const char* const argv[]) const {
  po::variables_map vm;
  parse_command_line(argc, argv, description_, vm, {"--compression-codec"});
  if (vm.count("help")) return std::nullopt;
  if (!vm.count("bootstrap-server") && !vm.count("broker-list")) {
    throw usage_error("Missing required option(s) [bootstrap-server]");
  }
  require_option(vm, "topic");
  const std::string servers = vm.count("bootstrap-server") ? vm["bootstrap-server"].as<std::string>()
                                                           : vm["broker-list"].as<std::string>();
  validate_host_ports(servers);
  if (vm["line-reader"].as<std::string>() != line_reader_class) {
    throw usage_error("Only the default line reader (" + std::string(line_reader_class) + ") is available");
  }

  producer_command_options o;
  o.topic = vm["topic"].as<std::string>();
  o.sync = vm.count("sync");

  client_config& p = o.producer;
  if (vm.count("producer.config")) p.merge_file(vm["producer.config"].as<std::string>());
  if (vm.count("producer-property")) {
    p.merge(parse_key_value_args(vm["producer-property"].as<std::vector<std::string>>()));
  }
  p.set("bootstrap.servers", servers);
  std::string codec = "none";
  if (vm.count("compression-codec")) {
    codec = vm["compression-codec"].as<std::string>();
    if (codec.empty()) codec = "gzip";
  }
  p.set("compression.type", codec);
  if (!p.contains("client.id")) p.set("client.id", "console-producer");
  // The Java producer's partitioner: murmur2 of the key, so a key lands on the same partition
  // whichever client wrote it (librdkafka's own default hashes with CRC32).
  if (!p.contains("partitioner")) p.set("partitioner", "murmur2_random");
  merge_option<int64_t>(p, "linger.ms", vm, "timeout");
  merge_option<std::string>(p, "acks", vm, "request-required-acks");
  merge_option<int32_t>(p, "request.timeout.ms", vm, "request-timeout-ms");
  merge_option<int32_t>(p, "retries", vm, "message-send-max-retries");
  merge_option<int64_t>(p, "retry.backoff.ms", vm, "retry-backoff-ms");
  merge_option<int32_t>(p, "socket.send.buffer.bytes", vm, "socket-buffer-size");
  merge_option<int32_t>(p, "batch.size", vm, "batch-size");
  if (vm.count("max-partition-memory-bytes")) {
    p.set("batch.size", std::to_string(vm["max-partition-memory-bytes"].as<int32_t>()));
  }
  if (vm.count("max-memory-bytes")) {
    p.set("queue.buffering.max.kbytes", std::to_string(std::max<int64_t>(1, vm["max-memory-bytes"].as<int64_t>() / 1024)));
  }
  merge_option<int64_t>(p, "metadata.max.age.ms", vm, "metadata-expiry-ms");
  // The Java producer gives up on a record after delivery.timeout.ms (120 s by default).
  if (!p.contains("delivery.timeout.ms") && !p.contains("message.timeout.ms")) p.set("delivery.timeout.ms", "120000");

  if (vm.count("reader-config")) {
    try {
      for (const brokerd::property& e : brokerd::read_properties_file(vm["reader-config"].as<std::string>())) {
        o.reader_properties.emplace_back(e.key, e.value);
      }
    } catch (const brokerd::config_error& e) {
      throw command_error(e.what());
    }
  }
  if (vm.count("property")) {
    for (auto& kv : parse_key_value_args(vm["property"].as<std::vector<std::string>>())) {
      o.reader_properties.push_back(std::move(kv));
    }
  }
  return o;
}

}  // namespace kb::tools
