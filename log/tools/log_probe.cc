#include "log/tools/log_probe.h"

#include <system_error>

#include "log/file_names.h"
#include "log/tools/segment_file_name.h"

namespace kb::log::tools {

log_probe::log_probe(const std::filesystem::path& log_file)
    : file_(log_file, file_handle::mode::read_only), size_(file_.size()) {}

std::optional<frame> log_probe::at(uint64_t position) const {
  frame f;
  if (read_frame(file_, position, size_, f) != frame_status::ok || f.magic < 0 || f.magic > 2) return std::nullopt;
  return f;
}

std::optional<frame> log_probe::first_ending_at_or_after(uint64_t position, int64_t target) const {
  while (auto f = at(position)) {
    if (f->last_offset >= target) return f;
    position += f->size;
  }
  return std::nullopt;
}

std::unique_ptr<log_probe> open_log_for(const std::filesystem::path& index_file, std::ostream& out,
                                        std::ostream& err) {
  std::filesystem::path log_file = sibling_file(index_file, log_suffix);
  try {
    return std::make_unique<log_probe>(log_file);
  } catch (const std::system_error& e) {
    out.flush();
    err << "Cannot check " << index_file.string() << " against " << log_file.string() << ": "
        << e.code().message() << "; entries are not verified\n";
    return nullptr;
  }
}

}  // namespace kb::log::tools
