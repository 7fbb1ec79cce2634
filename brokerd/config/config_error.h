#pragma once

#include <stdexcept>
#include <string>

namespace kb::brokerd {

// A configuration the broker cannot start with: a value of the wrong type or out of range, a
// malformed listener or ZooKeeper address, a missing required key, an unreadable file.
// Messages follow Kafka's ConfigException wording so they match Kafka's documentation:
//   Invalid value abc for configuration num.partitions: Not a number of type INT
// followed by where the value came from when that is known: " (server.properties:12)".
class config_error : public std::runtime_error {
 public:
  explicit config_error(const std::string& message) : std::runtime_error(message) {}

  // "Invalid value <value> for configuration <key>: <reason>[ (<origin>)]"; origin may be empty.
  static config_error invalid_value(const std::string& key, const std::string& value, const std::string& reason,
                                    const std::string& origin = {}) {
    std::string message = "Invalid value " + value + " for configuration " + key;
    if (!reason.empty()) message += ": " + reason;
    if (!origin.empty()) message += " (" + origin + ")";
    return config_error(message);
  }

  // Kafka's wording for a required key that was not supplied.
  static config_error missing(const std::string& key, const std::string& hint = {}) {
    std::string message = "Missing required configuration `" + key + "` which has no default value.";
    if (!hint.empty()) message += " " + hint;
    return config_error(message);
  }
};

}  // namespace kb::brokerd
