#pragma once

// Kafka's config value types (ConfigDef.Type) as boost::program_options value types, so an
// options_description can hold every broker key with Kafka's parsing rules:
//   INT/LONG/SHORT  java.lang.Integer/Long/Short.parseInt of the trimmed text: optional sign,
//                   decimal digits only, range-checked ("1e3", "5.0", "0x10" are rejected);
//   BOOLEAN         "true" or "false", case-insensitive, after trimming;
//   STRING          the trimmed text;
//   LIST            the trimmed text split at commas (surrounding whitespace dropped);
//                   empty text = empty list.
// "Trimmed" is Java's String.trim(): every character <= ' ' is removed from both ends.
// A bad value makes program_options' store() throw config_value_error carrying Kafka's reason
// ("Not a number of type INT"); the caller adds the key (config_error::invalid_value).

#include <boost/any.hpp>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kb::brokerd {

struct kafka_int {
  int32_t value = 0;
};
struct kafka_long {
  int64_t value = 0;
};
struct kafka_short {
  int16_t value = 0;
};
struct kafka_bool {
  bool value = false;
};
struct kafka_string {
  std::string value;
};
struct kafka_list {
  std::vector<std::string> value;
};

// The reason a value does not parse as its Kafka type; what() is Kafka's text.
class config_value_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string_view java_trim(std::string_view text);
std::optional<int64_t> parse_java_integer(std::string_view text, int64_t min, int64_t max);
// Kafka's LIST parsing: trim, then split at commas with surrounding whitespace removed.
std::vector<std::string> split_kafka_list(std::string_view text);
// Like split_kafka_list but drops empty entries (Kafka's CoreUtils.parseCsvList, used for
// log.dirs and listeners).
std::vector<std::string> split_csv(std::string_view text);

// program_options hooks, found by argument-dependent lookup from typed_value<T>::xparse.
void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_int*, int);
void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_long*, int);
void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_short*, int);
void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_bool*, int);
void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_string*, int);
void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_list*, int);

}  // namespace kb::brokerd
