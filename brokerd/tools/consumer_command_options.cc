#include "brokerd/tools/consumer_command_options.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <random>
#include <set>

#include "brokerd/config/config_error.h"
#include "brokerd/config/properties_file.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

namespace {

constexpr const char* default_formatter = "kafka.tools.DefaultMessageFormatter";

int64_t parse_offset(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  if (text == "earliest") return RD_KAFKA_OFFSET_BEGINNING;
  if (text == "latest") return RD_KAFKA_OFFSET_END;
  int64_t offset = -1;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), offset);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || offset < 0) {
    throw usage_error("The provided offset value '" + text +
                      "' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.");
  }
  return offset;
}

key_value_list read_file_properties(const std::string& file) {
  key_value_list out;
  try {
    for (const brokerd::property& e : brokerd::read_properties_file(file)) out.emplace_back(e.key, e.value);
  } catch (const brokerd::config_error& e) {
    throw command_error(e.what());
  }
  return out;
}

// Kafka's new Random().nextInt(100000).
int random_group_number() {
  std::random_device seed;
  std::mt19937 engine(seed());
  return std::uniform_int_distribution<int>(0, 99999)(engine);
}

}  // namespace

consumer_command_line::consumer_command_line(std::function<int()> group_number)
    : group_number_(group_number ? std::move(group_number) : random_group_number) {
  description_.add_options()
    ("bootstrap-server", po::value<std::string>()->value_name("<String: server to connect to>"),
     "REQUIRED: The server(s) to connect to.")
    ("consumer-property", po::value<std::vector<std::string>>()->composing()->value_name("<String: consumer_prop>"),
     "A mechanism to pass user-defined properties in the form key=value to the consumer.")
    ("consumer.config", po::value<std::string>()->value_name("<String: config file>"),
     "Consumer config properties file. Note that [consumer-property] takes precedence over this config.")
    ("formatter", po::value<std::string>()->default_value(default_formatter)->value_name("<String: class>"),
     "The name of a class to use for formatting kafka messages for display (only the default one exists here).")
    ("formatter-config", po::value<std::string>()->value_name("<String: config file>"),
     "Config properties file to initialize the message formatter. Note that [property] takes precedence over "
     "this config.")
    ("from-beginning", "If the consumer does not already have an established offset to consume from, start "
                       "with the earliest message present in the log rather than the latest message.")
    ("group", po::value<std::string>()->value_name("<String: consumer group id>"),
     "The consumer group id of the consumer.")
    ("help", "Print usage information.")
    ("include", po::value<std::string>()->value_name("<String: Java regex (String)>"),
     "Regular expression specifying list of topics to include for consumption.")
    ("isolation-level", po::value<std::string>()->default_value("read_uncommitted"),
     "Set to read_committed in order to filter out transactional messages which are not committed. Set to "
     "read_uncommitted to read all messages.")
    ("max-messages", po::value<int64_t>()->value_name("<Integer: num_messages>"),
     "The maximum number of messages to consume before exiting. If not set, consumption is continual.")
    ("offset", po::value<std::string>()->default_value("latest")->value_name("<String: consume offset>"),
     "The offset to consume from (a non-negative number), or 'earliest' which means from beginning, or "
     "'latest' which means from end")
    ("partition", po::value<int32_t>()->value_name("<Integer: partition>"),
     "The partition to consume from. Consumption starts from the end of the partition unless '--offset' is "
     "specified.")
    ("property", po::value<std::vector<std::string>>()->composing()->value_name("<String: prop>"),
     "The properties to initialize the message formatter. Default properties include:\n print.timestamp=true|false\n"
     " print.key=true|false\n print.offset=true|false\n print.partition=true|false\n print.headers=true|false\n"
     " print.value=true|false\n key.separator=<key.separator>\n line.separator=<line.separator>\n"
     " headers.separator=<line.separator>\n null.literal=<null.literal>")
    ("skip-message-on-error", "If there is an error when processing a message, skip it instead of halt.")
    ("timeout-ms", po::value<int64_t>()->value_name("<Integer: timeout_ms>"),
     "If specified, exit if no message is available for consumption for the specified interval.")
    ("topic", po::value<std::string>()->value_name("<String: topic>"), "The topic to consume on.")
    ("whitelist", po::value<std::string>()->value_name("<String: Java regex (String)>"),
     "DEPRECATED, use --include instead; ignored if --include specified. Regular expression specifying list of "
     "topics to include for consumption.");
}

std::optional<consumer_command_options> consumer_command_line::parse(int argc, const char* const argv[]) const {
  po::variables_map vm;
  parse_command_line(argc, argv, description_, vm);
  if (vm.count("help")) return std::nullopt;
  if (vm["formatter"].as<std::string>() != default_formatter) {
    throw usage_error("Only the default formatter (" + std::string(default_formatter) + ") is available");
  }

  consumer_command_options o;
  if (vm.count("topic")) o.topic = vm["topic"].as<std::string>();
  if (vm.count("include")) {
    o.include = vm["include"].as<std::string>();
  } else if (vm.count("whitelist")) {
    o.include = vm["whitelist"].as<std::string>();
  }
  if (static_cast<int>(o.topic.has_value()) + static_cast<int>(o.include.has_value()) != 1) {
    throw usage_error("Exactly one of --include/--topic is required. ");
  }
  const bool has_offset = !vm["offset"].defaulted();
  const bool from_beginning = vm.count("from-beginning");
  if (vm.count("partition")) {
    if (!o.topic) throw usage_error("The topic is required when partition is specified.");
    if (from_beginning && has_offset) {
      throw usage_error("Options from-beginning and offset cannot be specified together.");
    }
    o.partition = vm["partition"].as<int32_t>();
  } else if (has_offset) {
    throw usage_error("The partition is required when offset is specified.");
  }
  o.start_offset = has_offset ? parse_offset(vm["offset"].as<std::string>())
                   : from_beginning ? RD_KAFKA_OFFSET_BEGINNING
                                    : RD_KAFKA_OFFSET_END;
  require_option(vm, "bootstrap-server");

  key_value_list file_props;
  if (vm.count("consumer.config")) file_props = read_file_properties(vm["consumer.config"].as<std::string>());
  key_value_list extra_props;
  if (vm.count("consumer-property")) {
    extra_props = parse_key_value_args(vm["consumer-property"].as<std::vector<std::string>>());
  }

  std::set<std::string> groups;
  if (vm.count("group")) groups.insert(vm["group"].as<std::string>());
  if (const std::string* g = find_value(file_props, "group.id")) groups.insert(*g);
  if (const std::string* g = find_value(extra_props, "group.id")) groups.insert(*g);
  if (groups.size() > 1) {
    std::string detected;
    for (const std::string& g : groups) detected += (detected.empty() ? "'" : ", '") + g + "'";
    throw usage_error(
        "The group ids provided in different places (directly using '--group', via '--consumer-property', or via "
        "'--consumer.config') do not match. Detected group ids: " + detected);
  }
  if (!groups.empty()) {
    if (o.partition) throw usage_error("Options group and partition cannot be specified together.");
    o.group = *groups.begin();
  }

  // Kafka's consumerProps: the file, then --consumer-property, then auto.offset.reset,
  // bootstrap.servers, client.id and isolation.level.
  client_config& c = o.consumer;
  for (const key_value_list* source : {&file_props, &extra_props}) {
    for (const auto& [key, value] : *source) {
      if (key != "group.id") c.set(key, value);
    }
  }
  if (o.partition) {
    // --partition reads outside any group (librdkafka's simple consumer): nothing to commit.
    c.set("enable.auto.commit", "false");
  } else {
    if (!o.group) {
      // Kafka's generated group: its offsets are not meant to be used again.
      o.group = "console-consumer-" + std::to_string(group_number_());
      o.group_generated = true;
      if (!c.contains("enable.auto.commit")) c.set("enable.auto.commit", "false");
    }
    c.set("group.id", *o.group);
  }
  if (const std::string* reset = c.get("auto.offset.reset")) {
    if (from_beginning && *reset != "earliest") {
      throw command_error("Can't simultaneously specify --from-beginning and 'auto.offset.reset=" + *reset +
                          "', please remove one option");
    }
  } else {
    c.set("auto.offset.reset", from_beginning ? "earliest" : "latest");
  }
  c.set("bootstrap.servers", vm["bootstrap-server"].as<std::string>());
  if (!c.contains("client.id")) c.set("client.id", "console-consumer");
  if (!vm["isolation-level"].defaulted() || !c.contains("isolation.level")) {
    c.set("isolation.level", vm["isolation-level"].as<std::string>());
  }
  c.set("enable.partition.eof", "false");
  if (!o.partition) {
    // A subscribing consumer without committed offsets starts where auto.offset.reset says.
    const std::string& reset = *c.get("auto.offset.reset");
    const bool earliest = reset == "earliest" || reset == "smallest" || reset == "beginning";
    o.start_offset = earliest ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
  }

  if (vm.count("max-messages")) o.max_messages = vm["max-messages"].as<int64_t>();
  if (vm.count("timeout-ms")) o.timeout_ms = vm["timeout-ms"].as<int64_t>();
  o.skip_message_on_error = vm.count("skip-message-on-error");
  if (vm.count("formatter-config")) o.formatter_properties = read_file_properties(vm["formatter-config"].as<std::string>());
  if (vm.count("property")) {
    for (auto& kv : parse_key_value_args(vm["property"].as<std::vector<std::string>>())) {
      o.formatter_properties.push_back(std::move(kv));
    }
  }
  return o;
}

}  // namespace kb::tools
