#include "brokerd/tools/topic_command_options.h"

#include "brokerd/tools/command_line.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

topic_command_line::topic_command_line() {
  description_.add_options()
    ("alter", "Alter the number of partitions and replica assignment. Update the configuration of an existing "
              "topic via --alter is no longer supported here (the kafka-configs CLI supports altering topic "
              "configs with a --bootstrap-server option).")
    ("at-min-isr-partitions", "if set when describing topics, only show partitions whose isr count is equal to "
                              "the configured minimum.")
    ("bootstrap-server", po::value<std::string>()->value_name("<server to connect to>"),
     "REQUIRED: The Kafka server to connect to.")
    ("command-config", po::value<std::string>()->value_name("<command config property file>"),
     "Property file containing configs to be passed to Admin Client.")
    ("config", po::value<std::vector<std::string>>()->composing()->value_name("<name=value>"),
     "A topic configuration override for the topic being created. It is supported only in combination "
     "with --create (the kafka-configs CLI supports altering topic configs).")
    ("create", "Create a new topic.")
    ("delete", "Delete a topic")
    ("describe", "List details for the given topics.")
    ("exclude-internal", "exclude internal topics when running list or describe command. The internal topics "
                         "will be listed by default")
    ("help", "Print usage information.")
    ("if-exists", "if set when altering or deleting or describing topics, the action will only execute if the "
                  "topic exists.")
    ("if-not-exists", "if set when creating topics, the action will only execute if the topic does not already "
                      "exist.")
    ("list", "List all available topics.")
    ("partitions", po::value<int32_t>()->value_name("<Integer: # of partitions>"),
     "The number of partitions for the topic being created or altered (WARNING: If partitions are increased "
     "for a topic that has a key, the partition logic or ordering of the messages will be affected). If not "
     "supplied for create, defaults to the cluster default.")
    ("replica-assignment", po::value<std::string>()->value_name(
         "<broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , broker_id_for_part2_replica1 : "
         "broker_id_for_part2_replica2 , ...>"),
     "A list of manual partition-to-broker assignments for the topic being created or altered.")
    ("replication-factor", po::value<int32_t>()->value_name("<Integer: replication factor>"),
     "The replication factor for each partition in the topic being created. If not supplied, defaults to the "
     "cluster default.")
    ("topic", po::value<std::string>()->value_name("<topic>"),
     "The topic to create, alter, describe or delete. It also accepts a regular expression, except for "
     "--create option. Put topic name in double quotes and use the '\\' prefix to escape regular expression "
     "symbols; e.g. \"test\\.topic\".")
    ("topics-with-overrides", "if set when describing topics, only show topics that have overridden configs")
    ("unavailable-partitions", "if set when describing topics, only show partitions whose leader is not "
                               "available")
    ("under-min-isr-partitions", "if set when describing topics, only show partitions whose isr count is less "
                                 "than the configured minimum.")
    ("under-replicated-partitions", "if set when describing topics, only show under replicated partitions");
}

std::optional<topic_command_options> topic_command_line::parse(int argc, const char* const argv[]) const {
  if (argc <= 1) throw usage_error("Create, delete, describe, or change a topic.");
  po::variables_map vm;
  parse_command_line(argc, argv, description_, vm);
  if (vm.count("help")) return std::nullopt;

  const int actions = static_cast<int>(vm.count("create") + vm.count("list") + vm.count("alter") +
                                       vm.count("describe") + vm.count("delete"));
  if (actions != 1) {
    throw usage_error("Command must include exactly one action: --list, --describe, --create, --alter or --delete");
  }
  if (!vm.count("bootstrap-server")) throw usage_error("--bootstrap-server must be specified");
  if (vm.count("describe") && vm.count("if-exists") && !vm.count("topic")) {
    throw usage_error("--topic or --topic-id is required to describe a topic");
  }
  if (!vm.count("list") && !vm.count("describe")) require_option(vm, "topic");
  if (vm.count("alter")) {
    if (vm.count("config")) {
      throw usage_error("Option combination \"[[bootstrap-server], [config]]\" can't be used with option \"[alter]\" "
                        "(the kafka-configs CLI supports altering topic configs with a --bootstrap-server option)");
    }
    require_option(vm, "partitions");
  }
  reject_combination(vm, "config", {"describe", "list", "delete"});
  reject_combination(vm, "partitions", {"describe", "list", "delete"});
  reject_combination(vm, "replication-factor", {"alter", "describe", "list", "delete"});
  reject_combination(vm, "replica-assignment", {"describe", "list", "delete"});
  if (vm.count("create")) reject_combination(vm, "replica-assignment", {"partitions", "replication-factor"});
  const std::initializer_list<const char*> reports = {"under-replicated-partitions", "under-min-isr-partitions",
                                                      "at-min-isr-partitions", "unavailable-partitions"};
  for (const char* report : reports) {
    for (const char* other : reports) {
      if (std::string(report) != other) reject_combination(vm, report, {other});
    }
    reject_combination(vm, report, {"alter", "create", "list", "delete", "topics-with-overrides"});
  }
  reject_combination(vm, "topics-with-overrides", {"alter", "create", "list", "delete"});
  reject_combination(vm, "if-exists", {"create", "list"});
  reject_combination(vm, "if-not-exists", {"alter", "describe", "list", "delete"});
  reject_combination(vm, "exclude-internal", {"alter", "create", "delete"});

  topic_command_options o;
  o.action = vm.count("create")     ? topic_action::create
             : vm.count("list")     ? topic_action::list
             : vm.count("alter")    ? topic_action::alter
             : vm.count("describe") ? topic_action::describe
                                    : topic_action::delete_topic;
  o.bootstrap_server = vm["bootstrap-server"].as<std::string>();
  if (vm.count("command-config")) o.command_config = vm["command-config"].as<std::string>();
  if (vm.count("topic")) o.topic = vm["topic"].as<std::string>();
  if (vm.count("partitions")) o.partitions = vm["partitions"].as<int32_t>();
  if (vm.count("replication-factor")) o.replication_factor = vm["replication-factor"].as<int32_t>();
  if (vm.count("replica-assignment")) o.replica_assignment = vm["replica-assignment"].as<std::string>();
  if (vm.count("config")) o.configs = vm["config"].as<std::vector<std::string>>();
  o.if_exists = vm.count("if-exists");
  o.if_not_exists = vm.count("if-not-exists");
  o.exclude_internal = vm.count("exclude-internal");
  o.under_replicated_partitions = vm.count("under-replicated-partitions");
  o.unavailable_partitions = vm.count("unavailable-partitions");
  o.under_min_isr_partitions = vm.count("under-min-isr-partitions");
  o.at_min_isr_partitions = vm.count("at-min-isr-partitions");
  o.topics_with_overrides = vm.count("topics-with-overrides");
  return o;
}

}  // namespace kb::tools
