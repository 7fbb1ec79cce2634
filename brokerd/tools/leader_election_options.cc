#include "brokerd/tools/leader_election_options.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "brokerd/tools/command_line.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

namespace {

constexpr const char* summary =
    "This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are "
    "preferred replicas and unclean replicas.";

// joptsimple's EnumConverter: the constant's name, in any case.
protocol::election_type parse_election_type(const std::string& value) {
  std::string upper = value;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "PREFERRED") return protocol::election_type::preferred;
  if (upper == "UNCLEAN") return protocol::election_type::unclean;
  throw usage_error("Cannot parse argument '" + value + "' of option election-type");
}

}  // namespace

leader_election_command_line::leader_election_command_line() {
  description_.add_options()
    ("admin.config", po::value<std::string>()->value_name("<String: config file>"),
     "Configuration properties files to pass to the admin client")
    ("all-topic-partitions", "Perform election on all of the eligible topic partitions based on the type of "
                             "election (see the --election-type flag). Not allowed if --topic or "
                             "--path-to-json-file is specified.")
    ("bootstrap-server", po::value<std::string>()->value_name("<String: host:port>"),
     "A hostname and port for the broker to connect to, in the form host:port. Multiple comma separated URLs "
     "can be given. REQUIRED.")
    ("election-type", po::value<std::string>()->value_name("<[PREFERRED,UNCLEAN]: election type>"),
     "Type of election to attempt. Possible values are \"preferred\" for preferred leader election or "
     "\"unclean\" for unclean leader election. If preferred election is selection, the election is only "
     "performed if the current leader is not the preferred leader for the topic partition. If unclean election "
     "is selected, the election is only performed if there are no leader for the topic partition. REQUIRED.")
    ("help", "Print usage information.")
    ("partition", po::value<int32_t>()->value_name("<Integer: partition id>"),
     "Partition id for which to perform an election. REQUIRED if --topic is specified.")
    ("path-to-json-file", po::value<std::string>()->value_name("<String: Path to JSON file>"),
     "The JSON file with the list  of partition for which leader elections should be performed. This is an "
     "example format. \n{\"partitions\":\n\t[{\"topic\": \"foo\", \"partition\": 1},\n\t {\"topic\": \"foobar\", "
     "\"partition\": 2}]\n}\nNot allowed if --all-topic-partitions or --topic flags are specified.")
    ("topic", po::value<std::string>()->value_name("<String: topic name>"),
     "Name of topic for which to perform an election. Not allowed if --path-to-json-file or "
     "--all-topic-partitions is specified.");
}

std::optional<leader_election_options> leader_election_command_line::parse(int argc, const char* const argv[]) const {
  if (argc <= 1) throw usage_error(summary);
  po::variables_map vm;
  parse_command_line(argc, argv, description_, vm);
  if (vm.count("help")) return std::nullopt;

  // Kafka 3.5 lists the missing options in this order.
  std::vector<std::string> missing;
  if (!vm.count("election-type")) missing.push_back("election-type");
  if (!vm.count("bootstrap-server")) missing.push_back("bootstrap-server");
  if (!missing.empty()) {
    std::string text;
    for (const auto& m : missing) text += (text.empty() ? "" : ", ") + m;
    throw command_error("Missing required option(s): " + text);
  }
  leader_election_options opts;
  opts.election_type = parse_election_type(vm["election-type"].as<std::string>());
  opts.bootstrap_server = vm["bootstrap-server"].as<std::string>();
  if (vm.count("admin.config")) opts.admin_config = vm["admin.config"].as<std::string>();

  const auto chosen = vm.count("topic") + vm.count("all-topic-partitions") + vm.count("path-to-json-file");
  if (chosen != 1) {
    throw command_error(
        "One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file");
  }
  if (vm.count("topic") && !vm.count("partition")) throw command_error("Missing required option(s): partition");
  if (!vm.count("topic") && vm.count("partition")) {
    throw command_error("Option partition is only allowed if topic is used");
  }
  if (vm.count("topic")) {
    opts.topic_partition = kb::topic_partition{vm["topic"].as<std::string>(), vm["partition"].as<int32_t>()};
  }
  if (vm.count("path-to-json-file")) opts.path_to_json_file = vm["path-to-json-file"].as<std::string>();
  return opts;
}

}  // namespace kb::tools
