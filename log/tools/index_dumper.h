#pragma once

#include <filesystem>
#include <ostream>

#include "log/tools/dump_options.h"
#include "log/tools/dump_report.h"

namespace kb::log::tools {

// Dumps a .index: "offset: O position: P" per entry in use, each checked against the batch
// at that position of the .log next to it (mismatches go to `report`). With
// --index-sanity-check only a pass/fail line; with --verify-index-only no entries.
// Returns false, after saying why on `err`, if the file cannot be read or fails the check.
bool dump_offset_index_file(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                            std::ostream& out, std::ostream& err);

// Dumps a .timeindex: "timestamp: T offset: O" per entry in use, each checked against the
// max timestamp of the batch whose last offset it names. Same flags and result as above.
bool dump_time_index_file(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                          std::ostream& out, std::ostream& err);

}  // namespace kb::log::tools
