#pragma once

#include <boost/program_options.hpp>

#include <initializer_list>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {

// Command-line handling shared by the tools, after Kafka's joptsimple parsers and
// CommandLineUtils: long options only, "--name value" or "--name=value", any unambiguous
// prefix of a name ("--bootstrap" for "--bootstrap-server"); every check failure throws
// usage_error with Kafka's wording.

// Parses argv (after argv[0]) into `vm`. Unknown options, missing values and values of the
// wrong type throw usage_error. Options named in `optional_value_options` take an optional
// value as in joptsimple: "--name", "--name=v" and "--name v" (when v does not start with '-').
void parse_command_line(int argc, const char* const argv[], const boost::program_options::options_description& desc,
                        boost::program_options::variables_map& vm,
                        const std::vector<std::string>& optional_value_options = {});

// CommandLineUtils.checkRequiredArgs: `Missing required argument "[name]"`.
void require_option(const boost::program_options::variables_map& vm, const std::string& name);

// CommandLineUtils.checkInvalidArgs: when `used` is present, none of `invalid` may be:
// `Option "[used]" can't be used with option "[other]"`.
void reject_combination(const boost::program_options::variables_map& vm, const std::string& used,
                        std::initializer_list<std::string> invalid);

// ToolsUtils.validatePortOrDie: every comma-separated entry must be host:port.
void validate_host_ports(const std::string& servers);

// Kafka's printUsageAndExit layout, minus the exit: the message, then the option table.
void print_usage(std::ostream& os, const std::string& message, const boost::program_options::options_description& desc);

// A tool's command line as its main() needs it: the options, or, when there are none, the
// code to exit with.
template <class Options>
struct parsed_command_line {
  std::optional<Options> options;
  int exit_code = 0;
};

// What every tool does with its command line: --help (parse gives nullopt) prints `summary`
// and the option table to stdout (exit 0); a usage_error prints its message and the table to
// stderr, a command_error raised while parsing (an unreadable file) its message (exit 1).
template <class CommandLine>
auto parse_or_usage(const CommandLine& command_line, int argc, char** argv, const std::string& summary) {
  using options_type = typename decltype(command_line.parse(argc, argv))::value_type;
  parsed_command_line<options_type> out;
  try {
    out.options = command_line.parse(argc, argv);
    if (!out.options) print_usage(std::cout, summary, command_line.description());
  } catch (const usage_error& e) {
    print_usage(std::cerr, e.what(), command_line.description());
    out.exit_code = 1;
  } catch (const command_error& e) {
    std::cerr << e.what() << std::endl;
    out.exit_code = 1;
  }
  return out;
}

// The text of a file an option names (--reassignment-json-file, --path-to-json-file), as
// Kafka's tools read it with Utils.readFileAsString; a missing file is a command_error.
std::string read_file_text(const std::string& path);

}  // namespace kb::tools
