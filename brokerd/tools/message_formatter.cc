#include "brokerd/tools/message_formatter.h"

namespace kb::tools {

message_formatter::message_formatter(const key_value_list& properties) {
  const auto flag = [&](const char* key, bool& target) {
    if (const std::string* v = find_value(properties, key)) target = is_true(*v);
  };
  const auto text = [&](const char* key, std::string& target) {
    if (const std::string* v = find_value(properties, key)) target = *v;
  };
  flag("print.timestamp", print_timestamp_);
  flag("print.key", print_key_);
  flag("print.offset", print_offset_);
  flag("print.partition", print_partition_);
  flag("print.headers", print_headers_);
  flag("print.value", print_value_);
  text("key.separator", key_separator_);
  text("line.separator", line_separator_);
  text("headers.separator", headers_separator_);
  text("null.literal", null_literal_);
}

void message_formatter::write(const consumed_record& r, std::ostream& out) const {
  // After each column: the column separator if another column follows, else the line separator.
  const auto separator = [&](bool more) { out << (more ? key_separator_ : line_separator_); };
  const auto bytes = [&](const std::optional<std::string_view>& v) {
    if (v) {
      out << *v;
    } else {
      out << null_literal_;
    }
  };

  if (print_timestamp_) {
    switch (r.timestamp_type) {
      case timestamp_kind::create_time:
        out << "CreateTime:" << r.timestamp;
        break;
      case timestamp_kind::log_append_time:
        out << "LogAppendTime:" << r.timestamp;
        break;
      case timestamp_kind::none:
        out << "NO_TIMESTAMP";
        break;
    }
    separator(print_offset_ || print_partition_ || print_headers_ || print_key_ || print_value_);
  }
  if (print_partition_) {
    out << "Partition:" << r.partition;
    separator(print_offset_ || print_headers_ || print_key_ || print_value_);
  }
  if (print_offset_) {
    out << "Offset:" << r.offset;
    separator(print_headers_ || print_key_ || print_value_);
  }
  if (print_headers_) {
    if (r.headers.empty()) {
      out << "NO_HEADERS";
    } else {
      for (size_t i = 0; i < r.headers.size(); ++i) {
        if (i) out << headers_separator_;
        out << r.headers[i].first << ':';
        bytes(r.headers[i].second);
      }
    }
    separator(print_key_ || print_value_);
  }
  if (print_key_) {
    bytes(r.key);
    separator(print_value_);
  }
  if (print_value_) {
    bytes(r.value);
    out << line_separator_;
  }
}

}  // namespace kb::tools
