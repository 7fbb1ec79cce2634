#include "brokerd/tools/reassign_command_options.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "brokerd/tools/command_line.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

namespace {

const char* const help_text = "This tool helps to move topic partitions between replicas.";

// Per action: the arguments it requires, and those it also accepts (Kafka 2.8's tables).
struct action_args {
  reassign_action action;
  std::vector<std::string> required;
  std::set<std::string> permitted;
};

const std::map<std::string, action_args>& action_table() {
  static const std::map<std::string, action_args> table = {
      {"generate",
       {reassign_action::generate,
        {"topics-to-move-json-file", "broker-list"},
        {"bootstrap-server", "broker-list", "command-config", "disable-rack-aware", "zookeeper"}}},
      {"execute",
       {reassign_action::execute,
        {"reassignment-json-file"},
        {"additional", "bootstrap-server", "command-config", "throttle", "replica-alter-log-dirs-throttle", "timeout",
         "zookeeper"}}},
      {"verify",
       {reassign_action::verify,
        {"reassignment-json-file"},
        {"bootstrap-server", "command-config", "preserve-throttles", "zookeeper"}}},
      {"cancel",
       {reassign_action::cancel,
        {"reassignment-json-file"},
        {"bootstrap-server", "command-config", "preserve-throttles", "timeout"}}},
      {"list", {reassign_action::list, {}, {"bootstrap-server", "command-config"}}},
  };
  return table;
}

}  // namespace

reassign_command_line::reassign_command_line() {
  description_.add_options()
    ("additional", "Execute this reassignment in addition to any other ongoing ones. This option can also be "
                   "used to change the throttle of an ongoing reassignment.")
    ("bootstrap-server", po::value<std::string>()->value_name("<String: Server(s) to use for bootstrapping>"),
     "the server(s) to use for bootstrapping. REQUIRED if an absolute path of the log directory is specified for "
     "any replica in the reassignment json file, or if --zookeeper is not given.")
    ("broker-list", po::value<std::string>()->value_name("<String: brokerlist>"),
     "The list of brokers to which the partitions need to be reassigned in the form \"0,1,2\". This is required "
     "if --topics-to-move-json-file is used to generate reassignment configuration")
    ("cancel", "Cancel an active reassignment.")
    ("command-config", po::value<std::string>()->value_name("<String: Admin client property file>"),
     "Property file containing configs to be passed to Admin Client.")
    ("disable-rack-aware", "Disable rack aware replica assignment")
    ("execute", "Kick off the reassignment as specified by the --reassignment-json-file option.")
    ("generate", "Generate a candidate partition reassignment configuration. Note that this only generates a "
                 "candidate assignment, it does not execute it.")
    ("help", "Print usage information.")
    ("list", "List all active partition reassignments.")
    ("preserve-throttles", "Do not modify broker or topic throttles.")
    ("reassignment-json-file", po::value<std::string>()->value_name("<String: manual assignment json file path>"),
     "The JSON file with the partition reassignment configuration. The format to use is - \n"
     "{\"partitions\":\n\t[{\"topic\": \"foo\",\n\t  \"partition\": 1,\n\t  \"replicas\": [1,2,3],\n\t  "
     "\"log_dirs\": [\"dir1\",\"dir2\",\"dir3\"] }],\n\"version\":1\n}\nNote that \"log_dirs\" is optional. When it "
     "is specified, its length must equal the length of the replicas list. The value in this list can be either "
     "\"any\" or the absolution path of the log directory on the broker.")
    ("replica-alter-log-dirs-throttle", po::value<int64_t>()->value_name("<Long: replicaAlterLogDirsThrottle>"),
     "The movement of replicas between log directories on the same broker will be throttled to this value "
     "(bytes/sec). (default: -1)")
    ("throttle", po::value<int64_t>()->value_name("<Long: throttle>"),
     "The movement of partitions between brokers will be throttled to this value (bytes/sec). (default: -1)")
    ("timeout", po::value<int64_t>()->value_name("<Long: timeout>"),
     "The maximum time in ms to wait for log directory replica assignment to begin. (default: 10000)")
    ("topics-to-move-json-file", po::value<std::string>()->value_name("<String: topics to reassign json file path>"),
     "Generate a reassignment configuration to move the partitions of the specified topics to the list of brokers "
     "specified by the --broker-list option. The format to use is - \n{\"topics\":\n\t[{\"topic\": \"foo\"},"
     "{\"topic\": \"foo1\"}],\n\"version\":1\n}")
    ("verify", "Verify if the reassignment completed as specified by the --reassignment-json-file option. If there "
               "is a throttle engaged for the replicas specified, and the rebalance has completed, the throttle will be "
               "removed")
    ("zookeeper", po::value<std::string>()->value_name("<String: urls>"),
     "DEPRECATED: The connection string for the zookeeper connection in the form host:port. Multiple URLS can be "
     "given to allow fail-over.  Please use --bootstrap-server instead.");
}

std::optional<reassign_command_options> reassign_command_line::parse(int argc, const char* const argv[]) const {
  if (argc <= 1) throw usage_error(help_text);
  po::variables_map vm;
  parse_command_line(argc, argv, description_, vm);
  if (vm.count("help")) return std::nullopt;

  std::vector<std::string> actions;
  for (const auto& [name, _] : action_table()) {
    if (vm.count(name)) actions.push_back(name);
  }
  if (actions.size() != 1) {
    throw usage_error("Command must include exactly one action: --generate, --execute, --verify, --cancel, --list");
  }
  const std::string& action = actions.front();
  if (!vm.count("zookeeper") && !vm.count("bootstrap-server")) throw usage_error("Please specify --bootstrap-server");
  const action_args& args = action_table().at(action);
  for (const std::string& required : args.required) require_option(vm, required);
  for (const auto& [name, value] : vm) {
    if (name == action || value.defaulted()) continue;
    bool required = std::find(args.required.begin(), args.required.end(), name) != args.required.end();
    if (!required && !args.permitted.count(name)) {
      throw usage_error("Option \"[" + name + "]\" can't be used with action \"[" + action + "]\"");
    }
  }

  reassign_command_options o;
  o.action = args.action;
  auto text = [&](const char* name, std::optional<std::string>& out) {
    if (vm.count(name)) out = vm[name].as<std::string>();
  };
  text("bootstrap-server", o.bootstrap_server);
  text("zookeeper", o.zookeeper);
  text("command-config", o.command_config);
  text("reassignment-json-file", o.reassignment_json_file);
  text("topics-to-move-json-file", o.topics_to_move_json_file);
  text("broker-list", o.broker_list);
  o.disable_rack_aware = vm.count("disable-rack-aware") > 0;
  o.additional = vm.count("additional") > 0;
  o.preserve_throttles = vm.count("preserve-throttles") > 0;
  if (vm.count("throttle")) o.throttle = vm["throttle"].as<int64_t>();
  if (vm.count("replica-alter-log-dirs-throttle")) {
    o.replica_alter_log_dirs_throttle = vm["replica-alter-log-dirs-throttle"].as<int64_t>();
  }
  if (vm.count("timeout")) o.timeout_ms = vm["timeout"].as<int64_t>();
  if (o.bootstrap_server) validate_host_ports(*o.bootstrap_server);
  return o;
}

}  // namespace kb::tools
