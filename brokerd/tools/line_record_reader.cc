#include "brokerd/tools/line_record_reader.h"

#include "brokerd/tools/tool_error.h"

namespace kb::tools {

line_record_reader::line_record_reader(const key_value_list& properties) {
  const auto text = [&](const char* key, std::string& target) {
    if (const std::string* v = find_value(properties, key)) target = *v;
  };
  const auto flag = [&](const char* key, bool& target) {
    if (const std::string* v = find_value(properties, key)) target = is_true(*v);
  };
  flag("parse.key", parse_key_);
  text("key.separator", key_separator_);
  flag("parse.headers", parse_headers_);
  text("headers.delimiter", headers_delimiter_);
  text("headers.separator", headers_separator_);
  text("headers.key.separator", headers_key_separator_);
  flag("ignore.error", ignore_error_);
  if (const std::string* v = find_value(properties, "null.marker")) null_marker_ = *v;

  const auto differ = [](const std::string& a, const std::string& b, const char* message) {
    if (a == b) throw command_error(message);
  };
  differ(headers_delimiter_, headers_separator_, "headers.delimiter and headers.separator may not be equal");
  differ(headers_delimiter_, headers_key_separator_, "headers.delimiter and headers.key.separator may not be equal");
  differ(headers_separator_, headers_key_separator_, "headers.separator and headers.key.separator may not be equal");
  if (null_marker_) {
    differ(*null_marker_, key_separator_, "null.marker and key.separator may not be equal");
    differ(*null_marker_, headers_separator_, "null.marker and headers.separator may not be equal");
    differ(*null_marker_, headers_delimiter_, "null.marker and headers.delimiter may not be equal");
    differ(*null_marker_, headers_key_separator_, "null.marker and headers.key.separator may not be equal");
  }
}

std::optional<std::string> line_record_reader::field(bool enabled, const std::string& line, size_t start,
                                                     const std::string& separator, const char* separator_name) const {
  if (!enabled) return std::nullopt;
  const size_t at = line.find(separator, start);
  if (at == std::string::npos) {
    if (ignore_error_) return std::nullopt;
    throw command_error("No " + std::string(separator_name) + " found on line number " + std::to_string(line_number_) +
                        ": '" + line + "'");
  }
  return line.substr(start, at - start);
}

std::optional<std::string> line_record_reader::null_if_marker(std::string s) const {
  if (null_marker_ && s == *null_marker_) return std::nullopt;
  return s;
}

line_record line_record_reader::parse(const std::string& line) {
  ++line_number_;
  line_record record;
  const std::optional<std::string> headers = field(parse_headers_, line, 0, headers_delimiter_, "headers delimiter");
  const size_t header_offset = headers ? headers->size() + headers_delimiter_.size() : 0;
  const std::optional<std::string> key = field(parse_key_, line, header_offset, key_separator_, "key separator");
  const size_t key_offset = key ? key->size() + key_separator_.size() : 0;
  if (key) record.key = null_if_marker(*key);
  record.value = null_if_marker(line.substr(header_offset + key_offset));

  if (headers && !(null_marker_ && *headers == *null_marker_)) {
    // Java's String.split(regex): the separator is used literally here (the common ","),
    // and trailing empty pairs are dropped.
    std::vector<std::string> pairs;
    for (size_t start = 0;;) {
      const size_t at = headers->find(headers_separator_, start);
      pairs.push_back(headers->substr(start, at == std::string::npos ? std::string::npos : at - start));
      if (at == std::string::npos) break;
      start = at + headers_separator_.size();
    }
    while (pairs.size() > 1 && pairs.back().empty()) pairs.pop_back();
    for (const std::string& pair : pairs) {
      const size_t at = pair.find(headers_key_separator_);
      if (at == std::string::npos) {
        if (!ignore_error_) {
          throw command_error("No header key separator found in pair '" + pair + "' on line number " +
                              std::to_string(line_number_));
        }
        record.headers.emplace_back(pair, std::nullopt);
        continue;
      }
      std::string header_key = pair.substr(0, at);
      if (null_marker_ && header_key == *null_marker_) {
        throw command_error("Header keys should not be equal to the null marker '" + *null_marker_ +
                            "' as they can't be null");
      }
      record.headers.emplace_back(std::move(header_key), null_if_marker(pair.substr(at + headers_key_separator_.size())));
    }
  }
  return record;
}

}  // namespace kb::tools
