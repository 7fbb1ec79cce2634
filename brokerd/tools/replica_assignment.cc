#include "brokerd/tools/replica_assignment.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  // Java's String.split drops trailing empty strings.
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

int32_t parse_broker_id(const std::string& raw) {
  const size_t begin = raw.find_first_not_of(" \t");
  const size_t end = raw.find_last_not_of(" \t");
  const std::string s = begin == std::string::npos ? "" : raw.substr(begin, end - begin + 1);
  int32_t id = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
    throw command_error("For input string: \"" + s + "\"");
  }
  return id;
}

std::string join(const std::vector<int32_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out;
}

}  // namespace

replica_assignment parse_replica_assignment(const std::string& text) {
  replica_assignment out;
  for (const std::string& partition : split(text, ',')) {
    std::vector<int32_t> brokers;
    for (const std::string& id : split(partition, ':')) brokers.push_back(parse_broker_id(id));
    std::set<int32_t> seen;
    std::vector<int32_t> duplicates;
    for (int32_t b : brokers) {
      if (!seen.insert(b).second && std::find(duplicates.begin(), duplicates.end(), b) == duplicates.end()) {
        duplicates.push_back(b);
      }
    }
    if (!duplicates.empty()) {
      throw command_error("Partition replica lists may not contain duplicate entries: " + join(duplicates));
    }
    if (!out.empty() && brokers.size() != out.front().size()) {
      throw command_error("Partition " + std::to_string(out.size()) + " has different replication factor: " +
                          join(brokers));
    }
    out.push_back(std::move(brokers));
  }
  return out;
}

}  // namespace kb::tools
