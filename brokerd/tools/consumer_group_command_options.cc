#include "brokerd/tools/consumer_group_command_options.h"

#include <algorithm>
#include <utility>

#include "brokerd/tools/command_line.h"
#include "brokerd/tools/java_hash_order.h"
#include "brokerd/tools/scala_hash_order.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

namespace {

// Kafka's option names print as joptsimple's OptionSpec.toString(): "[name]".
std::string spec(const std::string& name) { return "[" + name + "]"; }

// The eight reset scenarios of Kafka's allResetOffsetScenarioOpts, in its declaration order.
// --from-file is one of them in Kafka (and so in its messages) but not offered here.
const std::vector<std::string>& scenario_names() {
  static const std::vector<std::string> names = {"to-offset",   "shift-by",  "to-datetime", "by-duration",
                                                 "to-earliest", "to-latest", "to-current",  "from-file"};
  return names;
}

// `names` in the iteration order of the Scala immutable set holding their OptionSpecs (an
// OptionSpec's hashCode is that of its one-element name list: 31 + name.hashCode()).
std::vector<std::string> in_scala_set_order(const std::vector<std::string>& names) {
  std::vector<int32_t> hashes;
  for (const std::string& n : names) {
    hashes.push_back(static_cast<int32_t>(31u + static_cast<uint32_t>(java_string_hash(n))));
  }
  std::vector<std::string> out;
  for (size_t i : scala_immutable_order(hashes)) out.push_back(names[i]);
  return out;
}

// joptsimple gives an option that requires an argument the next word whatever it looks like,
// so "--shift-by -2" works; program_options would take "-2" for an option. Joins such pairs.
std::vector<std::string> join_signed_values(int argc, const char* const argv[]) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--shift-by" || arg == "--to-offset") && i + 1 < argc) arg += std::string("=") + argv[++i];
    args.push_back(std::move(arg));
  }
  return args;
}

// availableIf(): joptsimple refuses, while parsing, an option whose prerequisite is absent.
void require_available(const po::variables_map& vm, const std::string& name, std::initializer_list<const char*> needs) {
  if (!vm.count(name)) return;
  for (const char* n : needs) {
    if (vm.count(n)) return;
  }
  throw usage_error("Option(s) " + spec(name) + " are unavailable given other options on the command line");
}

reset_scenario scenario_of(const po::variables_map& vm) {
  if (vm.count("to-offset")) return reset_scenario::to_offset;
  if (vm.count("to-datetime")) return reset_scenario::to_datetime;
  if (vm.count("by-duration")) return reset_scenario::by_duration;
  if (vm.count("to-earliest")) return reset_scenario::to_earliest;
  if (vm.count("to-latest")) return reset_scenario::to_latest;
  if (vm.count("to-current")) return reset_scenario::to_current;
  if (vm.count("shift-by")) return reset_scenario::shift_by;
  return reset_scenario::none;
}

}  // namespace

std::string missing_reset_scenario_message() {
  std::string set;
  for (const std::string& n : in_scala_set_order(scenario_names())) set += (set.empty() ? "" : ", ") + spec(n);
  return "Option '" + spec("reset-offsets") + "' requires one of the following scenarios: HashSet(" + set + ")";
}

consumer_group_command_line::consumer_group_command_line(std::ostream& warnings) : warnings_(warnings) {
  description_.add_options()
    ("all-groups", "Apply to all consumer groups.")
    ("all-topics", "Consider all topics assigned to a group in the `reset-offsets` process.")
    ("bootstrap-server", po::value<std::string>()->value_name("<String: server to connect to>"),
     "REQUIRED: The server(s) to connect to.")
    ("by-duration", po::value<std::string>()->value_name("<String: duration>"),
     "Reset offsets to offset by duration from current timestamp. Format: 'PnDTnHnMnS'")
    ("command-config", po::value<std::string>()->value_name("<String: command config property file>"),
     "Property file containing configs to be passed to Admin Client and Consumer.")
    ("delete", "Pass in groups to delete topic partition offsets and ownership information over the entire "
               "consumer group. For instance --group g1 --group g2")
    ("delete-offsets", "Delete offsets of consumer group. Supports one consumer group at the time, and multiple "
                       "topics.")
    ("describe", "Describe consumer group and list offset lag (number of messages not yet processed) related to "
                 "given group.")
    ("dry-run", "Only show results without executing changes on Consumer Groups. Supported operations: "
                "reset-offsets.")
    ("execute", "Execute operation. Supported operations: reset-offsets.")
    ("group", po::value<std::vector<std::string>>()->composing()->value_name("<String: consumer group>"),
     "The consumer group we wish to act on.")
    ("help", "Print usage information.")
    ("list", "List all consumer groups.")
    ("members", "Describe members of the group. This option may be used with '--describe' and "
                "'--bootstrap-server' options only.\nExample: --bootstrap-server localhost:9092 --describe --group "
                "group1 --members")
    ("offsets", "Describe the group and list all topic partitions in the group along with their offset lag. This "
                "is the default sub-action of and may be used with '--describe' and '--bootstrap-server' options "
                "only.\nExample: --bootstrap-server localhost:9092 --describe --group group1 --offsets")
    ("reset-offsets", "Reset offsets of consumer group. Supports one consumer group at the time, and instances "
                      "should be inactive\nHas 2 execution options: --dry-run (the default) to plan which offsets "
                      "to reset, and --execute to update the offsets.\nYou must choose one of the following reset "
                      "specifications: --to-datetime, --by-duration, --to-earliest, --to-latest, --shift-by, "
                      "--to-current, --to-offset.\nTo define the scope use --all-topics or --topic. One scope must "
                      "be specified.")
    ("shift-by", po::value<int64_t>()->value_name("<Long: number-of-offsets>"),
     "Reset offsets shifting current offset by 'n', where 'n' can be positive or negative.")
    ("state", po::value<std::string>()->implicit_value("")->value_name("[String]"),
     "When specified with '--describe', includes the state of the group.\nExample: --bootstrap-server "
     "localhost:9092 --describe --group group1 --state\nWhen specified with '--list', it displays the state of all "
     "groups. It can also be used to list groups with specific states.\nExample: --bootstrap-server "
     "localhost:9092 --list --state Stable,Empty\nThis option may be used with '--describe', '--list' and "
     "'--bootstrap-server' options only.")
    ("timeout", po::value<int64_t>()->default_value(5000)->value_name("<Long: timeout (ms)>"),
     "The timeout that can be set for some use cases. For example, it can be used when describing the group to "
     "specify the maximum amount of time in milliseconds to wait before the group stabilizes (when the group is "
     "just created, or is going through some changes).")
    ("to-current", "Reset offsets to current offset.")
    ("to-datetime", po::value<std::string>()->value_name("<String: datetime>"),
     "Reset offsets to offset from datetime. Format: 'YYYY-MM-DDTHH:mm:SS.sss'")
    ("to-earliest", "Reset offsets to earliest offset.")
    ("to-latest", "Reset offsets to latest offset.")
    ("to-offset", po::value<int64_t>()->value_name("<Long: offset>"), "Reset offsets to a specific offset.")
    ("topic", po::value<std::vector<std::string>>()->composing()->value_name("<String: topic>"),
     "The topic whose consumer group information should be deleted or topic whose should be included in the "
     "reset offset process. In `reset-offsets` case, partitions can be specified using this format: "
     "`topic1:0,1,2`, where 0,1,2 are the partition to be included in the process. Reset-offsets also supports "
     "multiple topic inputs.")
    ("verbose", "Provide additional information, if any, when describing the group. This option may be used with "
                "'--offsets'/'--members'/'--state' and '--bootstrap-server' options only.\nExample: "
                "--bootstrap-server localhost:9092 --describe --group group1 --members --verbose");
}

std::optional<consumer_group_options> consumer_group_command_line::parse(int argc, const char* const argv[]) const {
  const std::vector<std::string> joined = join_signed_values(argc, argv);
  std::vector<const char*> args = {argc > 0 ? argv[0] : "kafka-consumer-groups"};
  for (const std::string& a : joined) args.push_back(a.c_str());
  po::variables_map vm;
  parse_command_line(static_cast<int>(args.size()), args.data(), description_, vm, {"--state"});
  require_available(vm, "members", {"describe"});
  require_available(vm, "verbose", {"describe"});
  require_available(vm, "offsets", {"describe"});
  require_available(vm, "state", {"describe", "list"});

  // checkArgs()
  require_option(vm, "bootstrap-server");
  const std::string group_scope = spec("group") + ", " + spec("all-groups");  // Set(groupOpt, allGroupsOpt)
  const bool has_scope = vm.count("group") || vm.count("all-groups");
  if (vm.count("describe")) {
    if (!has_scope) throw usage_error("Option " + spec("describe") + " takes one of these options: " + group_scope);
    if (vm.count("members") + vm.count("offsets") + vm.count("state") > 1) {
      throw usage_error("Option " + spec("describe") + " takes at most one of these options: " + spec("members") +
                        ", " + spec("offsets") + ", " + spec("state"));
    }
    if (vm.count("state") && !vm["state"].as<std::string>().empty()) {
      throw usage_error("Option " + spec("describe") + " does not take a value for " + spec("state"));
    }
  }
  if (vm.count("delete")) {
    if (!has_scope) throw usage_error("Option " + spec("delete") + " takes one of these options: " + group_scope);
    if (vm.count("topic")) {
      throw usage_error("The consumer does not support topic-specific offset deletion from a consumer group.");
    }
  }
  if (vm.count("delete-offsets") && (!vm.count("group") || !vm.count("topic"))) {
    throw usage_error("Option " + spec("delete-offsets") + " takes the following options: " + spec("group") + ", " +
                      spec("topic"));
  }
  if (vm.count("reset-offsets")) {
    if (vm.count("dry-run") && vm.count("execute")) {
      throw usage_error("Option " + spec("reset-offsets") + " only accepts one of " + spec("execute") + " and " +
                        spec("dry-run"));
    }
    if (!vm.count("dry-run") && !vm.count("execute")) {
      warnings_ << "WARN: No action will be performed as the --execute option is missing.In a future major release, "
                   "the default behavior of this command will be to prompt the user before executing the reset "
                   "rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting "
                   "this command and want to keep the current default behavior without prompting."
                << std::endl;
    }
    if (!has_scope) {
      throw usage_error("Option " + spec("reset-offsets") + " takes one of these options: " + group_scope);
    }
    // Kafka checks each scenario against the others in this order.
    for (const char* used : {"to-offset", "to-datetime", "by-duration", "to-earliest", "to-latest", "to-current",
                             "shift-by", "from-file"}) {
      if (!vm.count(used)) continue;
      std::vector<std::string> others;
      for (const std::string& n : scenario_names()) {
        if (n != used) others.push_back(n);
      }
      for (const std::string& other : in_scala_set_order(others)) {
        if (vm.count(other)) {
          throw usage_error("Option \"" + spec(used) + "\" can't be used with option \"" + spec(other) + "\"");
        }
      }
    }
  }
  reject_combination(vm, "group", {"all-groups"});
  reject_combination(vm, "group", {"list"});
  reject_combination(vm, "topic", {"list", "describe"});

  if (vm.count("help")) return std::nullopt;
  const int actions = static_cast<int>(vm.count("list") + vm.count("describe") + vm.count("delete") +
                                       vm.count("reset-offsets") + vm.count("delete-offsets"));
  if (actions != 1) {
    throw usage_error(
        "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets");
  }

  consumer_group_options o;
  o.action = vm.count("list")            ? group_action::list
             : vm.count("describe")      ? group_action::describe
             : vm.count("delete")        ? group_action::delete_groups
             : vm.count("reset-offsets") ? group_action::reset_offsets
                                         : group_action::delete_offsets;
  o.bootstrap_server = vm["bootstrap-server"].as<std::string>();
  if (vm.count("command-config")) o.command_config = vm["command-config"].as<std::string>();
  o.timeout_ms = vm["timeout"].as<int64_t>();
  if (vm.count("group")) o.groups = vm["group"].as<std::vector<std::string>>();
  o.all_groups = vm.count("all-groups");
  if (vm.count("topic")) o.topics = vm["topic"].as<std::vector<std::string>>();
  o.all_topics = vm.count("all-topics");
  o.view = vm.count("members") ? describe_view::members
           : vm.count("state") ? describe_view::state
                               : describe_view::offsets;
  o.verbose = vm.count("verbose");
  if (o.action == group_action::list && vm.count("state")) {
    o.list_state = true;
    o.list_state_value = vm["state"].as<std::string>();
  }
  o.scenario = scenario_of(vm);
  if (vm.count("to-offset")) o.reset_offset = vm["to-offset"].as<int64_t>();
  if (vm.count("shift-by")) o.reset_offset = vm["shift-by"].as<int64_t>();
  if (vm.count("to-datetime")) o.reset_time = vm["to-datetime"].as<std::string>();
  if (vm.count("by-duration")) o.reset_time = vm["by-duration"].as<std::string>();
  o.execute = vm.count("execute");
  return o;
}

}  // namespace kb::tools
