#include "log/file_names.h"

#include <charconv>
#include <cstdio>

namespace kb::log {

std::string offset_file_stem(int64_t base_offset) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(base_offset));
  return buf;
}

std::filesystem::path log_path(const std::filesystem::path& dir, int64_t base) {
  return dir / (offset_file_stem(base) + log_suffix);
}
std::filesystem::path index_path(const std::filesystem::path& dir, int64_t base) {
  return dir / (offset_file_stem(base) + index_suffix);
}
std::filesystem::path time_index_path(const std::filesystem::path& dir, int64_t base) {
  return dir / (offset_file_stem(base) + time_index_suffix);
}

std::optional<int64_t> parse_base_offset(const std::filesystem::path& file, const std::string& suffix) {
  std::string name = file.filename().string();
  if (name.size() != 20 + suffix.size() || name.compare(20, std::string::npos, suffix) != 0) return std::nullopt;
  for (int i = 0; i < 20; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
  }
  int64_t v = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + 20, v);
  if (ec != std::errc{} || end != name.data() + 20 || v < 0) return std::nullopt;
  return v;
}

}  // namespace kb::log
