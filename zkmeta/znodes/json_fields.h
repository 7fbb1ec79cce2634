#pragma once

// json_fields: exception-free readers for znode JSON, shared by the znode decoders. Each returns
// missing_field / wrong_type / invalid_value (znode_errc) instead of throwing.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta::json_fields {

using json = nlohmann::json;

// Parses `text` and requires a JSON object; malformed otherwise.
result<json> parse_object(std::string_view text);

// Integers must be JSON integers within the target type's range.
result<int64_t> to_int64(const json& value);
result<int32_t> to_int32(const json& value);
result<std::vector<int32_t>> to_int32_array(const json& value);

// Fields of an object. The optional_ forms treat absent and null alike.
result<int64_t> int64_field(const json& obj, std::string_view key);
result<int32_t> int32_field(const json& obj, std::string_view key);
result<std::optional<int32_t>> optional_int32_field(const json& obj, std::string_view key);
result<std::string> string_field(const json& obj, std::string_view key);
result<std::optional<std::string>> optional_string_field(const json& obj, std::string_view key);
// Kafka writes timestamps and a few versions as strings; accept a decimal string or an integer.
result<int64_t> int64_or_string_field(const json& obj, std::string_view key);
// The object under `key`, or nullptr when absent (wrong_type if present but not an object).
result<const json*> optional_object_field(const json& obj, std::string_view key);

// Decimal text -> int64 (whole string, optional leading '-'); invalid_value otherwise.
result<int64_t> parse_decimal(std::string_view text);

}  // namespace kb::zkmeta::json_fields
