#include "zkmeta/admin/topic_name.h"

#include <algorithm>

namespace kb::zkmeta {

std::optional<std::string> validate_topic_name(std::string_view name) {
  constexpr size_t max_length = 249;
  if (name.empty()) return "Topic name is illegal, it can't be empty";
  if (name == "." || name == "..") return "Topic name cannot be \".\" or \"..\"";
  if (name.size() > max_length) {
    return "Topic name is illegal, it can't be longer than " + std::to_string(max_length) + " characters, topic name: " +
           std::string(name);
  }
  bool legal = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!legal) {
    return "Topic name \"" + std::string(name) +
           "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'";
  }
  return std::nullopt;
}

std::string fold_topic_name(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '.', '_');
  return out;
}

}  // namespace kb::zkmeta
