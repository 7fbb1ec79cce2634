#pragma once

// Shared by the config_*_test.cc files: parse properties text as the broker would, with a fixed
// local host name so that advertised listeners are predictable.

#include <string>
#include <string_view>
#include <vector>

#include "brokerd/config/config_parser.h"
#include "brokerd/config/properties_file.h"

namespace kb::brokerd::test {

// The two keys every broker config needs.
inline constexpr std::string_view required_keys = "broker.id=0\nzookeeper.connect=127.0.0.1:2181\n";

inline std::string test_hostname() { return "broker0.test"; }

inline config_parse_result parse_text(std::string_view text, const std::vector<std::string>& overrides = {}) {
  std::vector<property> entries = parse_properties(text, "server.properties");
  for (const std::string& o : overrides) entries.push_back(parse_override(o));
  return parse_broker_config(entries, test_hostname);
}

// parse_text with the required keys first, then `text`.
inline config_parse_result parse_with_required(std::string_view text, const std::vector<std::string>& overrides = {}) {
  return parse_text(std::string(required_keys) + std::string(text), overrides);
}

}  // namespace kb::brokerd::test
