#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/key_value_args.h"

namespace kb::tools {

// One record read from a line of input.
struct line_record {
  std::optional<std::string> key;    // nullopt: a null key
  std::optional<std::string> value;  // nullopt: a null value (null.marker)
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

// Kafka's ConsoleProducer.LineMessageReader: turns each input line into a record, driven by
// the --property settings (defaults in brackets):
//   parse.key [false]        "key<key.separator>value"; key.separator [\t]
//   parse.headers [false]    "h1:v1,h2:v2<headers.delimiter>..." before the key;
//                            headers.delimiter [\t], headers.separator [,],
//                            headers.key.separator [:]
//   ignore.error [false]     a line without the separator gives a null key (or headers)
//                            instead of failing
//   null.marker [unset]      a key, value or header value equal to it becomes null
// Errors carry Kafka's messages, e.g. "No key separator found on line number 3: 'abc'".
class line_record_reader {
 public:
  // Throws command_error for contradictory settings (Kafka's KafkaException messages, e.g.
  // "headers.delimiter and headers.separator may not be equal").
  explicit line_record_reader(const key_value_list& properties);

  // Parses the next line (without its line terminator); lines are numbered from 1 in call
  // order. Throws command_error when a separator is missing and ignore.error is off.
  line_record parse(const std::string& line);

 private:
  std::optional<std::string> field(bool enabled, const std::string& line, size_t start, const std::string& separator,
                                   const char* separator_name) const;
  std::optional<std::string> null_if_marker(std::string s) const;

  bool parse_key_ = false;
  std::string key_separator_ = "\t";
  bool parse_headers_ = false;
  std::string headers_delimiter_ = "\t";
  std::string headers_separator_ = ",";
  std::string headers_key_separator_ = ":";
  bool ignore_error_ = false;
  std::optional<std::string> null_marker_;
  int line_number_ = 0;
};

}  // namespace kb::tools
