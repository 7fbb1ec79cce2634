#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "brokerd/tools/key_value_args.h"

namespace kb::tools {

enum class timestamp_kind { none, create_time, log_append_time };

// A consumed record, as the formatter needs it.
struct consumed_record {
  int32_t partition = 0;
  int64_t offset = 0;
  timestamp_kind timestamp_type = timestamp_kind::none;
  int64_t timestamp = 0;
  std::optional<std::string_view> key;    // nullopt: null
  std::optional<std::string_view> value;  // nullopt: null
  std::vector<std::pair<std::string_view, std::optional<std::string_view>>> headers;
};

// Kafka's DefaultMessageFormatter (kafka.tools), configured by the console consumer's
// --property settings (defaults in brackets): print.timestamp [false], print.partition
// [false], print.offset [false], print.headers [false], print.key [false], print.value [true],
// key.separator [\t] (between columns), line.separator [\n], headers.separator [,],
// null.literal [null]. Columns come in that order, e.g. with everything on:
//   CreateTime:1714557600000\tPartition:0\tOffset:42\th1:v1,h2:v2\tkey\tvalue\n
// ("NO_TIMESTAMP" without a timestamp, "NO_HEADERS" without headers.) Keys, values and header
// values are written as raw bytes.
class message_formatter {
 public:
  explicit message_formatter(const key_value_list& properties);

  void write(const consumed_record& record, std::ostream& out) const;

 private:
  bool print_timestamp_ = false;
  bool print_partition_ = false;
  bool print_offset_ = false;
  bool print_headers_ = false;
  bool print_key_ = false;
  bool print_value_ = true;
  std::string key_separator_ = "\t";
  std::string line_separator_ = "\n";
  std::string headers_separator_ = ",";
  std::string null_literal_ = "null";
};

}  // namespace kb::tools
