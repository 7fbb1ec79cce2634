#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace kb::tools {

enum class reassign_action { generate, execute, verify, cancel, list };

// What kafka-reassign-partitions was asked to do: Kafka's ReassignPartitionsCommandOptions
// after validateAndParseArgs. Kafka 3.x's options, plus 2.x's --zookeeper (Kafka 2.8 accepts
// either; with both, --bootstrap-server wins).
struct reassign_command_options {
  reassign_action action = reassign_action::verify;
  std::optional<std::string> bootstrap_server;
  std::optional<std::string> zookeeper;
  std::optional<std::string> command_config;
  std::optional<std::string> reassignment_json_file;
  std::optional<std::string> topics_to_move_json_file;
  std::optional<std::string> broker_list;
  bool disable_rack_aware = false;
  bool additional = false;
  bool preserve_throttles = false;
  int64_t throttle = -1;
  int64_t replica_alter_log_dirs_throttle = -1;
  int64_t timeout_ms = 10000;

  bool uses_zookeeper() const { return !bootstrap_server && zookeeper; }
};

// The command line with Kafka 2.8's checks and messages ("Command must include exactly one
// action: ...", `Missing required argument "[broker-list]"`, `Option "[zookeeper]" can't be
// used with action "[cancel]"`).
class reassign_command_line {
 public:
  reassign_command_line();

  // nullopt when --help was given; throws usage_error on a bad command line.
  std::optional<reassign_command_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  boost::program_options::options_description description_{"Option"};
};

}  // namespace kb::tools
