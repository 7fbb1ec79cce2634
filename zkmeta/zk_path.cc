#include "zkmeta/zk_path.h"

namespace kb::zkmeta {

bool is_valid_path(std::string_view path, bool sequential_create) {
  if (path.empty() || path.front() != '/') return false;
  if (path == "/") return !sequential_create;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    const bool last = end == path.size();
    if (part.empty() && !(last && sequential_create)) return false;
    if (part == "." || part == "..") return false;
    if (part.find('\0') != std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

std::string parent_path(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == 0 ? "/" : std::string(path.substr(0, slash));
}

std::string node_name(std::string_view path) { return std::string(path.substr(path.find_last_of('/') + 1)); }

}  // namespace kb::zkmeta
