// kafka-dump-log: prints the batches and records of .log segments and the entries of .index
// and .timeindex files, with the flags and output format of Kafka 2.8's kafka-dump-log.sh.
// It only reads its input files (pread), so it is safe to run against a live broker's data.
#include <boost/program_options.hpp>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "log/file_names.h"
#include "log/tools/dump_options.h"
#include "log/tools/dump_report.h"
#include "log/tools/index_dumper.h"
#include "log/tools/log_dumper.h"

namespace po = boost::program_options;
using namespace kb::log::tools;

namespace {

constexpr int64_t default_max_message_size = 5 * 1024 * 1024;

struct command_line {
  po::options_description description{"Options"};
  std::vector<std::string> files;  // as given: each may hold several comma-separated names
  int64_t max_message_size = default_max_message_size;
  bool help = false;
  dump_options options;

  command_line() {
    description.add_options()
      ("files", po::value<std::vector<std::string>>(&files)->composing(),
       "REQUIRED: comma-separated list of .log, .index and .timeindex files to dump")
      ("print-data-log", po::bool_switch(&options.print_data_log),
       "print each record's key and payload (implies --deep-iteration)")
      ("deep-iteration", po::bool_switch(&options.deep_iteration),
       "print one line per record, not only one per batch")
      ("verify-index-only", po::bool_switch(&options.verify_index_only),
       "check index entries against the log and print only the mismatches")
      ("index-sanity-check", po::bool_switch(&options.index_sanity_check),
       "only check that index files are well formed")
      ("max-message-size", po::value<int64_t>(&max_message_size)->default_value(default_max_message_size),
       "size in bytes of the largest batch to read")
      ("help", po::bool_switch(&help), "print this message and exit");
  }

  void usage(std::ostream& os) const {
    os << "Prints the contents of Kafka log segments and their indexes, to inspect or debug them.\n"
       << "Usage: kafka-dump-log --files <file>[,<file>...] [options]\n"
       << description;
  }
};

std::vector<std::string> split_commas(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    size_t start = 0;
    while (start <= arg.size()) {
      size_t comma = arg.find(',', start);
      if (comma == std::string::npos) comma = arg.size();
      if (comma > start) out.push_back(arg.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

// Dumps one file by its suffix; false if it could not be dumped.
bool dump_file(const std::string& name, const dump_options& options, dump_report& report) {
  std::filesystem::path file(name);
  std::cout << "Dumping " << name << '\n';
  const std::string suffix = file.extension().string();
  if (suffix == kb::log::log_suffix) return dump_log_file(file, options, report, std::cout, std::cerr);
  if (suffix == kb::log::index_suffix) return dump_offset_index_file(file, options, report, std::cout, std::cerr);
  if (suffix == kb::log::time_index_suffix) return dump_time_index_file(file, options, report, std::cout, std::cerr);
  std::cout.flush();
  std::cerr << "Ignoring unknown file " << name << '\n';
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  command_line cl;
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(cl.description).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << e.what() << '\n';
    cl.usage(std::cerr);
    return 1;
  }
  if (cl.help) {
    cl.usage(std::cout);
    return 0;
  }
  std::vector<std::string> files = split_commas(cl.files);
  if (files.empty()) {
    std::cerr << "Missing required argument \"[files]\"\n";
    cl.usage(std::cerr);
    return 1;
  }
  if (cl.max_message_size <= 0) {
    std::cerr << "--max-message-size must be positive, got " << cl.max_message_size << '\n';
    return 1;
  }
  cl.options.max_message_size = static_cast<uint64_t>(cl.max_message_size);

  bool ok = true;
  dump_report report;
  try {
    for (const std::string& name : files) ok = dump_file(name, cl.options, report) && ok;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "Error: " << e.what() << '\n';
    ok = false;
  }
  std::cout.flush();
  report.print(std::cerr);
  return ok ? 0 : 1;
}
