#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace kb::tools {

enum class group_action { list, describe, delete_groups, reset_offsets, delete_offsets };

// What --describe prints: --offsets (the default), --members or --state.
enum class describe_view { offsets, members, state };

// The reset specification of --reset-offsets (Kafka's "scenario"); none when no --to-* /
// --shift-by / --by-duration flag was given, which Kafka only refuses once it reaches an
// inactive group.
enum class reset_scenario { none, to_offset, to_datetime, by_duration, to_earliest, to_latest, to_current, shift_by };

// What kafka-consumer-groups was asked to do: Kafka 3.5's ConsumerGroupCommandOptions after
// checkArgs() and the one-action check.
struct consumer_group_options {
  group_action action = group_action::list;
  std::string bootstrap_server;
  std::optional<std::string> command_config;  // Java properties for the admin client
  int64_t timeout_ms = 5000;                  // --timeout: every admin call's timeout

  std::vector<std::string> groups;  // --group, repeatable, in the order given
  bool all_groups = false;
  std::vector<std::string> topics;  // --topic, repeatable: "t" or "t:0,1,2"
  bool all_topics = false;

  describe_view view = describe_view::offsets;
  bool verbose = false;
  // --list --state [s,...]: whether --state was given, and its value (empty = every state).
  bool list_state = false;
  std::string list_state_value;

  reset_scenario scenario = reset_scenario::none;
  int64_t reset_offset = 0;  // --to-offset, or --shift-by's n
  std::string reset_time;    // --to-datetime's datetime, or --by-duration's duration
  bool execute = false;      // false: a dry run (--dry-run, or neither flag)
};

// kafka-consumer-groups' command line, with the checks, order and messages of Kafka 3.5's
// ConsumerGroupCommand: checkArgs() first (so even --help needs --bootstrap-server, as in
// Kafka), then --help, then "Command must include exactly one action: ...". The "WARN: No
// action will be performed as the --execute option is missing..." notice of a reset without
// --dry-run or --execute goes to `warnings` when checkArgs reaches it.
class consumer_group_command_line {
 public:
  explicit consumer_group_command_line(std::ostream& warnings = std::cerr);

  // Returns nullopt when --help was given; throws usage_error otherwise on a bad command line.
  std::optional<consumer_group_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  std::ostream& warnings_;
  boost::program_options::options_description description_{"Option"};
};

// The usage message of --reset-offsets without a reset specification, Kafka's
// "Option '[reset-offsets]' requires one of the following scenarios: HashSet(...)" (the Scala
// set's own iteration order).
std::string missing_reset_scenario_message();

}  // namespace kb::tools
