#pragma once

#include <filesystem>
#include <ostream>

#include "log/tools/dump_options.h"
#include "log/tools/dump_report.h"

namespace kb::log::tools {

// Dumps one .log segment: "Starting offset", a line per batch (and per record when deep), and
// "Found N invalid bytes at the end of F" when the file ends inside a batch. The file is only
// read (pread), never mapped or written. Returns false, after saying why on `err`, when the
// file cannot be read to its end: missing or unreadable, an unsupported magic, or a batch
// larger than --max-message-size. A CRC mismatch is data, not a failure: it prints
// "isvalid: false" and the dump goes on.
bool dump_log_file(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                   std::ostream& out, std::ostream& err);

}  // namespace kb::log::tools
