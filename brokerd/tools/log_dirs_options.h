#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kb::tools {

// What kafka-log-dirs --describe was asked (Kafka's LogDirsCommand).
struct log_dirs_options {
  std::string bootstrap_server;
  std::optional<std::string> command_config;    // --command-config: Java properties for the admin client
  // --broker-list, each once in the order first given; every broker of the cluster when absent.
  std::optional<std::vector<int32_t>> brokers;
  std::set<std::string> topics;                 // --topic-list; every topic when empty
};

// kafka-log-dirs's command line, with Kafka 3.x's option table and checks: --bootstrap-server
// and --describe are required (`Missing required argument "[describe]"`); a broker id that is
// no integer is a usage_error. Empty entries in the comma-separated lists are skipped, as
// Kafka's split(",").filter(!_.isEmpty) does.
class log_dirs_command_line {
 public:
  static constexpr const char* summary = "This tool helps to query log directory usage on the specified brokers.";

  log_dirs_command_line();

  // nullopt when --help was given. No arguments at all is a usage_error, as in Kafka.
  std::optional<log_dirs_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  boost::program_options::options_description description_{"Option"};
};

}  // namespace kb::tools
