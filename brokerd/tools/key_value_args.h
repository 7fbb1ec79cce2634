#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kb::tools {

using key_value_list = std::vector<std::pair<std::string, std::string>>;

// Kafka's CommandLineUtils.parseKeyValueArgs: each "key=value" splits at its first '=' (the
// value may contain more); "key" or "key=" gives an empty value. Order is kept; callers that
// want "last one wins" look entries up with find_value().
key_value_list parse_key_value_args(const std::vector<std::string>& args);

// The value of the last entry named `key`, or nullptr.
const std::string* find_value(const key_value_list& list, const std::string& key);

// Kafka's boolean property reading: "true" in any case, surrounding whitespace ignored.
bool is_true(const std::string& value);

}  // namespace kb::tools
