#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kb::tools {

enum class topic_action { create, list, describe, alter, delete_topic };

// What kafka-topics was asked to do: Kafka's TopicCommandOptions after checkArgs().
struct topic_command_options {
  topic_action action = topic_action::list;
  std::string bootstrap_server;
  std::optional<std::string> command_config;  // Java properties file for the admin client
  std::optional<std::string> topic;           // a name, or (except for --create) an IncludeList regex
  std::optional<int32_t> partitions;
  std::optional<int32_t> replication_factor;
  std::optional<std::string> replica_assignment;
  std::vector<std::string> configs;  // --config k=v, as given
  bool if_exists = false;
  bool if_not_exists = false;
  bool exclude_internal = false;
  // --describe report filters.
  bool under_replicated_partitions = false;
  bool unavailable_partitions = false;
  bool under_min_isr_partitions = false;
  bool at_min_isr_partitions = false;
  bool topics_with_overrides = false;

  bool any_partition_report() const {
    return under_replicated_partitions || unavailable_partitions || under_min_isr_partitions || at_min_isr_partitions;
  }
};

// kafka-topics' command line, with the checks and messages of Kafka 3.5's TopicCommand
// ("Command must include exactly one action: ...", `Missing required argument "[topic]"`,
// `Option "[partitions]" can't be used with option "[describe]"`, ...).
class topic_command_line {
 public:
  topic_command_line();

  // Returns nullopt when --help was given; throws usage_error otherwise on a bad command line.
  std::optional<topic_command_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  boost::program_options::options_description description_{"Option"};
};

}  // namespace kb::tools
