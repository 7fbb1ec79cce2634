#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "log/file_handle.h"
#include "log/tools/frame_reader.h"

namespace kb::log::tools {

// The .log segment an index describes, opened read-only so index entries can be checked
// against the batches they point at. Reads batch headers only.
class log_probe {
 public:
  explicit log_probe(const std::filesystem::path& log_file);  // throws std::system_error

  // The entry starting at `position` if a whole entry of magic 0, 1 or 2 starts there.
  std::optional<frame> at(uint64_t position) const;
  // Scanning forward from `position`, the first entry whose last offset is >= target.
  std::optional<frame> first_ending_at_or_after(uint64_t position, int64_t target) const;

 private:
  file_handle file_;
  uint64_t size_;
};

// The log next to `index_file`, or null after a warning on `err` when it cannot be opened
// (the index is then dumped without verification).
std::unique_ptr<log_probe> open_log_for(const std::filesystem::path& index_file, std::ostream& out,
                                        std::ostream& err);

}  // namespace kb::log::tools
