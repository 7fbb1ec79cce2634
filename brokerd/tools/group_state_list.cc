#include "brokerd/tools/group_state_list.h"

#include <algorithm>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

// Java's String.trim(): strips every character <= ' ' at both ends.
std::string java_trim(const std::string& s) {
  size_t begin = 0;
  size_t end = s.size();
  while (begin < end && static_cast<unsigned char>(s[begin]) <= ' ') ++begin;
  while (end > begin && static_cast<unsigned char>(s[end - 1]) <= ' ') --end;
  return s.substr(begin, end - begin);
}

// Java's String.split(","): without a comma, the string itself; otherwise the pieces with
// every trailing empty one removed (",,," gives none).
std::vector<std::string> java_split_commas(const std::string& s) {
  if (s.find(',') == std::string::npos) return {s};
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t comma = s.find(',', start);
    parts.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

}  // namespace

const std::vector<std::string>& consumer_group_state_names() {
  static const std::vector<std::string> names = {"PreparingRebalance", "CompletingRebalance", "Stable", "Dead",
                                                 "Empty"};
  return names;
}

std::vector<std::string> parse_group_states(const std::string& input) {
  const std::vector<std::string>& names = consumer_group_state_names();
  std::vector<bool> chosen(names.size(), false);
  bool unknown = false;
  for (const std::string& part : java_split_commas(input)) {
    const auto it = std::find(names.begin(), names.end(), java_trim(part));
    if (it == names.end()) {
      unknown = true;
    } else {
      chosen[static_cast<size_t>(it - names.begin())] = true;
    }
  }
  if (unknown) {
    std::string valid;
    for (const std::string& n : names) valid += (valid.empty() ? "" : ", ") + n;
    throw usage_error("Invalid state list '" + input + "'. Valid states are: " + valid);
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (chosen[i]) out.push_back(names[i]);
  }
  return out;
}

}  // namespace kb::tools
