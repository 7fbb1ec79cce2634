#include "zkmeta/znodes/json_fields.h"

#include <charconv>
#include <limits>

namespace kb::zkmeta::json_fields {
namespace {

const json* find(const json& obj, std::string_view key) {
  const auto it = obj.find(std::string(key));
  return it == obj.end() ? nullptr : &*it;
}

}  // namespace

result<json> parse_object(std::string_view text) {
  json parsed = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return make_error_code(znode_errc::malformed);
  return parsed;
}

result<int64_t> to_int64(const json& value) {
  if (value.is_number_unsigned()) {
    const auto v = value.get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return make_error_code(znode_errc::invalid_value);
    }
    return static_cast<int64_t>(v);
  }
  if (value.is_number_integer()) return value.get<int64_t>();
  return make_error_code(znode_errc::wrong_type);
}

result<int32_t> to_int32(const json& value) {
  result<int64_t> v = to_int64(value);
  if (!v) return v.error();
  if (v.value() < std::numeric_limits<int32_t>::min() || v.value() > std::numeric_limits<int32_t>::max()) {
    return make_error_code(znode_errc::invalid_value);
  }
  return static_cast<int32_t>(v.value());
}

result<std::vector<int32_t>> to_int32_array(const json& value) {
  if (!value.is_array()) return make_error_code(znode_errc::wrong_type);
  std::vector<int32_t> out;
  out.reserve(value.size());
  for (const json& element : value) {
    result<int32_t> v = to_int32(element);
    if (!v) return v.error();
    out.push_back(v.value());
  }
  return out;
}

result<int64_t> int64_field(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr) return make_error_code(znode_errc::missing_field);
  return to_int64(*v);
}

result<int32_t> int32_field(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr) return make_error_code(znode_errc::missing_field);
  return to_int32(*v);
}

result<std::optional<int32_t>> optional_int32_field(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return std::optional<int32_t>{};
  result<int32_t> i = to_int32(*v);
  if (!i) return i.error();
  return std::optional<int32_t>{i.value()};
}

result<std::string> string_field(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr) return make_error_code(znode_errc::missing_field);
  if (!v->is_string()) return make_error_code(znode_errc::wrong_type);
  return v->get<std::string>();
}

result<std::optional<std::string>> optional_string_field(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) return make_error_code(znode_errc::wrong_type);
  return std::optional<std::string>{v->get<std::string>()};
}

result<int64_t> int64_or_string_field(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr) return make_error_code(znode_errc::missing_field);
  if (v->is_string()) return parse_decimal(v->get_ref<const std::string&>());
  return to_int64(*v);
}

result<const json*> optional_object_field(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return static_cast<const json*>(nullptr);
  if (!v->is_object()) return make_error_code(znode_errc::wrong_type);
  return v;
}

result<int64_t> parse_decimal(std::string_view text) {
  int64_t value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (text.empty() || ec != std::errc{} || ptr != last) return make_error_code(znode_errc::invalid_value);
  return value;
}

}  // namespace kb::zkmeta::json_fields
