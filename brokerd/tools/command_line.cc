#include "brokerd/tools/command_line.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace po = boost::program_options;

namespace {

// Joins "--name value" into "--name=value" for the optional-value options, which
// program_options would otherwise read as "--name" followed by a stray positional argument.
std::vector<std::string> join_optional_values(int argc, const char* const argv[],
                                              const std::vector<std::string>& optional_value_options) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    const bool takes_optional =
        std::find(optional_value_options.begin(), optional_value_options.end(), arg) != optional_value_options.end();
    if (takes_optional && i + 1 < argc && argv[i + 1][0] != '-') {
      arg += '=';
      arg += argv[++i];
    }
    args.push_back(std::move(arg));
  }
  return args;
}

}  // namespace

void parse_command_line(int argc, const char* const argv[], const po::options_description& desc,
                        po::variables_map& vm, const std::vector<std::string>& optional_value_options) {
  const std::vector<std::string> args = join_optional_values(argc, argv, optional_value_options);
  try {
    const auto style = po::command_line_style::unix_style & ~po::command_line_style::allow_short &
                       ~po::command_line_style::allow_sticky;
    po::store(po::command_line_parser(args).options(desc).style(style).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw usage_error(e.what());
  }
}

void require_option(const po::variables_map& vm, const std::string& name) {
  if (!vm.count(name)) throw usage_error("Missing required argument \"[" + name + "]\"");
}

void reject_combination(const po::variables_map& vm, const std::string& used, std::initializer_list<std::string> invalid) {
  if (!vm.count(used)) return;
  for (const std::string& other : invalid) {
    if (vm.count(other)) throw usage_error("Option \"[" + used + "]\" can't be used with option \"[" + other + "]\"");
  }
}

void validate_host_ports(const std::string& servers) {
  bool valid = !servers.empty();
  size_t start = 0;
  while (valid && start <= servers.size()) {
    size_t comma = servers.find(',', start);
    if (comma == std::string::npos) comma = servers.size();
    const std::string entry = servers.substr(start, comma - start);
    const size_t colon = entry.rfind(':');
    valid = colon != std::string::npos && colon + 1 < entry.size() &&
            std::all_of(entry.begin() + colon + 1, entry.end(), [](unsigned char c) { return std::isdigit(c); });
    start = comma + 1;
  }
  if (!valid) throw usage_error("Please provide valid host:port like host1:9091,host2:9092\n ");
}

void print_usage(std::ostream& os, const std::string& message, const po::options_description& desc) {
  if (!message.empty()) os << message << '\n';
  os << desc;
}

std::string read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw command_error("java.nio.file.NoSuchFileException: " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace kb::tools
