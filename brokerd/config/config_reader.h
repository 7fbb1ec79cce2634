#pragma once

// Typed access to parsed broker settings for the code that turns them into broker_config: the
// value of a key (given or Kafka's default), whether it was given, where it came from, and
// failure helpers that produce config_error in Kafka's wording with that origin attached.
// Lives only for the duration of parse_broker_config().

#include <boost/program_options/variables_map.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/config/config_error.h"
#include "brokerd/config/properties_file.h"

namespace kb::brokerd {

class config_reader {
 public:
  // `vm` holds every key of broker_options() (stored values and defaults); `supplied` the
  // entry that set each key explicitly (after "later wins").
  config_reader(const boost::program_options::variables_map& vm, const std::map<std::string, property>& supplied)
      : vm_(vm), supplied_(supplied) {}

  // True when the key was given (file or override), false when it has its default or is unset.
  bool supplied(const std::string& key) const { return supplied_.count(key) != 0; }
  // "<file>:<line>" or "--override" for a given key; "" for a default.
  std::string origin(const std::string& key) const;

  // Values of keys with a default (or given). Unset keys without a default: the find_* forms.
  int32_t get_int(const std::string& key) const;
  int64_t get_long(const std::string& key) const;
  int16_t get_short(const std::string& key) const;
  bool get_bool(const std::string& key) const;
  std::string get_string(const std::string& key) const;
  std::vector<std::string> get_list(const std::string& key) const;
  std::optional<int32_t> find_int(const std::string& key) const;
  std::optional<int64_t> find_long(const std::string& key) const;
  std::optional<std::string> find_string(const std::string& key) const;

  // config_error::invalid_value for `key` with its origin.
  config_error invalid(const std::string& key, const std::string& value, const std::string& reason) const {
    return config_error::invalid_value(key, value, reason, origin(key));
  }

  // Kafka's Range validators: "Value must be at least <min>" / "Value must be no more than <max>".
  template <class T>
  T at_least(const std::string& key, T value, T min) const {
    if (value < min) throw invalid(key, std::to_string(value), "Value must be at least " + std::to_string(min));
    return value;
  }
  template <class T>
  T between(const std::string& key, T value, T min, T max) const {
    at_least(key, value, min);
    if (value > max) throw invalid(key, std::to_string(value), "Value must be no more than " + std::to_string(max));
    return value;
  }

 private:
  const boost::program_options::variables_map& vm_;
  const std::map<std::string, property>& supplied_;
};

}  // namespace kb::brokerd
