#include "brokerd/tools/topic_filter.h"

#include <algorithm>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::string normalize(const std::string& raw) {
  const size_t begin = raw.find_first_not_of(" \t\r\n\f\v");
  if (begin == std::string::npos) return {};
  const size_t end = raw.find_last_not_of(" \t\r\n\f\v");
  std::string s = raw.substr(begin, end - begin + 1);
  std::replace(s.begin(), s.end(), ',', '|');
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  const auto is_quote = [](char c) { return c == '"' || c == '\''; };
  size_t lead = 0;
  while (lead < s.size() && is_quote(s[lead])) ++lead;
  s.erase(0, lead);
  while (!s.empty() && is_quote(s.back())) s.pop_back();
  return s;
}

std::regex compile(const std::string& text) {
  try {
    return std::regex(text, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    throw command_error(text + " is an invalid regex.");
  }
}

}  // namespace

bool is_internal_topic(const std::string& topic) {
  return topic == "__consumer_offsets" || topic == "__transaction_state";
}

topic_filter::topic_filter(const std::string& raw) : text_(normalize(raw)), regex_(compile(text_)) {}

bool topic_filter::allows(const std::string& topic, bool exclude_internal) const {
  return std::regex_match(topic, regex_) && !(exclude_internal && is_internal_topic(topic));
}

}  // namespace kb::tools
