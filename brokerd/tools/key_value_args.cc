#include "brokerd/tools/key_value_args.h"

#include <algorithm>
#include <cctype>

namespace kb::tools {

key_value_list parse_key_value_args(const std::vector<std::string>& args) {
  key_value_list out;
  for (const std::string& arg : args) {
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      out.emplace_back(arg, "");
    } else {
      out.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    }
  }
  return out;
}

const std::string* find_value(const key_value_list& list, const std::string& key) {
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if (it->first == key) return &it->second;
  }
  return nullptr;
}

bool is_true(const std::string& value) {
  size_t begin = 0, end = value.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(value[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(value[end - 1]))) --end;
  if (end - begin != 4) return false;
  return std::equal(value.begin() + begin, value.begin() + end, "true",
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

}  // namespace kb::tools
