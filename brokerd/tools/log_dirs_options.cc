#include "brokerd/tools/log_dirs_options.h"

#include <algorithm>
#include <charconv>

#include "brokerd/tools/comma_lists.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

namespace {

int32_t parse_broker_id(const std::string& text) {
  int32_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    throw usage_error("For input string: \"" + text + "\"");  // Java's NumberFormatException
  }
  return id;
}

}  // namespace

log_dirs_command_line::log_dirs_command_line() {
  description_.add_options()
    ("bootstrap-server", po::value<std::string>()->value_name("<String: The server(s) to use for bootstrapping>"),
     "REQUIRED: the server(s) to use for bootstrapping")
    ("broker-list", po::value<std::string>()->value_name("<String: Broker list>"),
     "The list of brokers to be queried in the form \"0,1,2\". All brokers in the cluster will be queried if no "
     "broker list is specified")
    ("command-config", po::value<std::string>()->value_name("<String: Admin client property file>"),
     "Property file containing configs to be passed to Admin Client.")
    ("describe", "Describe the specified log directories on the specified brokers.")
    ("help", "Print usage information.")
    ("topic-list", po::value<std::string>()->value_name("<String: Topic list>")->default_value("", ""),
     "The list of topics to be queried in the form \"topic1,topic2,topic3\". All topics will be queried if no "
     "topic list is specified");
}

std::optional<log_dirs_options> log_dirs_command_line::parse(int argc, const char* const argv[]) const {
  if (argc <= 1) throw usage_error(summary);
  po::variables_map vm;
  parse_command_line(argc, argv, description_, vm);
  if (vm.count("help")) return std::nullopt;
  require_option(vm, "bootstrap-server");
  require_option(vm, "describe");

  log_dirs_options opts;
  opts.bootstrap_server = vm["bootstrap-server"].as<std::string>();
  if (vm.count("command-config")) opts.command_config = vm["command-config"].as<std::string>();
  if (vm.count("broker-list")) {
    opts.brokers.emplace();
    for (const std::string& text : split_comma_list(vm["broker-list"].as<std::string>())) {
      const int32_t id = parse_broker_id(text);
      if (std::find(opts.brokers->begin(), opts.brokers->end(), id) == opts.brokers->end()) opts.brokers->push_back(id);
    }
  }
  for (const std::string& t : split_comma_list(vm["topic-list"].as<std::string>())) opts.topics.insert(t);
  return opts;
}

}  // namespace kb::tools
