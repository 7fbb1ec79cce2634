#include "log/tools/segment_file_name.h"

#include <charconv>

namespace kb::log::tools {
namespace {

std::string stem_before_first_dot(const std::filesystem::path& file) {
  std::string name = file.filename().string();
  return name.substr(0, name.find('.'));
}

}  // namespace

std::optional<int64_t> base_offset_from_name(const std::filesystem::path& file) {
  std::string stem = stem_before_first_dot(file);
  if (stem.empty()) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(stem.data(), stem.data() + stem.size(), v);
  if (ec != std::errc{} || end != stem.data() + stem.size() || v < 0) return std::nullopt;
  return v;
}

std::filesystem::path sibling_file(const std::filesystem::path& file, const std::string& suffix) {
  return file.parent_path() / (stem_before_first_dot(file) + suffix);
}

}  // namespace kb::log::tools
