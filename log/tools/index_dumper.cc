#include "log/tools/index_dumper.h"

#include <system_error>

#include "log/file_names.h"
#include "log/tools/index_entries.h"
#include "log/tools/log_probe.h"
#include "log/tools/segment_file_name.h"

namespace kb::log::tools {
namespace {

std::string absolute_name(const std::filesystem::path& file) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(file, ec);
  return ec ? file.string() : abs.string();
}

// Called once the file has been read, so a missing file reports only that it is missing.
void warn_if_unnamed(const std::filesystem::path& file, std::ostream& out, std::ostream& err) {
  if (base_offset_from_name(file)) return;
  out.flush();
  err << "Cannot read a base offset from the name " << file.filename().string() << "; assuming 0\n";
}

// Prints the --index-sanity-check verdict; true when the index passed.
bool report_sanity(const std::filesystem::path& file, const std::optional<std::string>& problem, std::ostream& out,
                   std::ostream& err) {
  if (!problem) {
    out << file.string() << " passed sanity check.\n";
    return true;
  }
  out.flush();
  err << file.string() << " failed sanity check: " << *problem << '\n';
  return false;
}

bool dump_offset_index(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                       std::ostream& out, std::ostream& err) {
  const int64_t base = base_offset_from_name(file).value_or(0);
  offset_index_contents index = read_offset_index(file, base);
  warn_if_unnamed(file, out, err);
  if (options.index_sanity_check) return report_sanity(file, offset_index_problem(index, base), out, err);
  if (index.entries.empty()) {
    out << file.string() << " is empty.\n";
    return true;
  }
  auto log = open_log_for(file, out, err);
  for (const auto& e : index.entries) {
    if (log) {
      auto batch = log->at(e.position);
      int64_t log_offset = batch ? batch->last_offset : -1;
      if (log_offset != e.offset) report.index_mismatch(absolute_name(file), e.offset, log_offset);
    }
    if (!options.verify_index_only) out << "offset: " << e.offset << " position: " << e.position << '\n';
  }
  return true;
}

bool dump_time_index(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                     std::ostream& out, std::ostream& err) {
  const int64_t base = base_offset_from_name(file).value_or(0);
  time_index_contents index = read_time_index(file, base);
  warn_if_unnamed(file, out, err);
  if (options.index_sanity_check) return report_sanity(file, time_index_problem(index, base), out, err);
  if (index.entries.empty()) {
    out << file.string() << " is empty.\n";
    return true;
  }
  auto log = open_log_for(file, out, err);
  // Without a readable .index the search for each entry's batch starts at position 0.
  offset_index_contents offsets;
  try {
    offsets = read_offset_index(sibling_file(file, index_suffix), base);
  } catch (const std::system_error&) {
  }
  const std::string name = absolute_name(file);
  int64_t previous = -1;
  for (const auto& e : index.entries) {
    if (log) {
      auto batch = log->first_ending_at_or_after(lookup_position(offsets, e.offset), e.offset);
      if (!batch || batch->last_offset != e.offset) {
        report.indexed_offset_not_found(name, e.offset, batch ? batch->last_offset : -1);
      } else if (batch->max_timestamp != e.timestamp) {
        report.time_index_mismatch(name, e.timestamp, batch->max_timestamp);
      }
    }
    if (previous >= e.timestamp) report.out_of_order_timestamp(name, e.timestamp, previous);
    if (!options.verify_index_only) out << "timestamp: " << e.timestamp << " offset: " << e.offset << '\n';
    previous = e.timestamp;
  }
  return true;
}

// Runs one dump, turning an unreadable file into a one-line error.
template <class Dump>
bool guarded(std::ostream& out, std::ostream& err, Dump&& dump) {
  try {
    return dump();
  } catch (const std::system_error& e) {
    out.flush();
    err << "Error: " << e.what() << '\n';
    return false;
  }
}

}  // namespace

bool dump_offset_index_file(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                            std::ostream& out, std::ostream& err) {
  return guarded(out, err, [&] { return dump_offset_index(file, options, report, out, err); });
}

bool dump_time_index_file(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                          std::ostream& out, std::ostream& err) {
  return guarded(out, err, [&] { return dump_time_index(file, options, report, out, err); });
}

}  // namespace kb::log::tools
