#pragma once

#include <boost/program_options.hpp>

#include <optional>
#include <string>

#include "brokerd/protocol/messages/elect_leaders.h"
#include "log/types.h"

namespace kb::tools {

// What kafka-leader-election was asked to do (Kafka's LeaderElectionCommandOptions after
// validate()): exactly one of a single partition, a JSON file of partitions, or all
// partitions (neither set).
struct leader_election_options {
  std::string bootstrap_server;
  std::optional<std::string> admin_config;  // --admin.config: Java properties for the admin client
  protocol::election_type election_type = protocol::election_type::preferred;
  std::optional<kb::topic_partition> topic_partition;  // --topic with --partition
  std::optional<std::string> path_to_json_file;        // --path-to-json-file
};

// kafka-leader-election's command line, with Kafka 3.5's option table and checks. A bad
// option or value (unknown option, --partition x, --election-type other) throws usage_error;
// the checks of LeaderElectionCommand.validate throw command_error with Kafka's messages:
//   "Missing required option(s): election-type, bootstrap-server"
//   "One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file"
//   "Missing required option(s): partition"
//   "Option partition is only allowed if topic is used"
class leader_election_command_line {
 public:
  leader_election_command_line();

  // nullopt when --help was given. No arguments at all is a usage_error, as in Kafka.
  std::optional<leader_election_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  boost::program_options::options_description description_{"Option"};
};

}  // namespace kb::tools
