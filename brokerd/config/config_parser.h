#pragma once

// Builds a validated broker_config from server.properties entries plus `--override key=value`
// pairs, with Kafka's semantics:
//   * entries are applied in order and a later entry for the same key wins (so overrides,
//     appended after the file's entries, beat the file);
//   * keys broker_options() defines are parsed with their Kafka type and checked with Kafka's
//     validators; a bad value throws config_error naming the key, the value and where it came
//     from, e.g. "Invalid value abc for configuration num.partitions: Not a number of type INT
//     (server.properties:12)";
//   * Kafka keys this broker does not act on (inactive_keys.h) are collected in inactive_keys,
//     for one "accepted but has no effect" line each at startup; never an error;
//   * any other key is collected in unknown_keys, for Kafka's warning "The configuration 'x'
//     was supplied but isn't a known config."
//
// Usage in main:
//   std::vector<property> props = read_properties_file(path);
//   for (const std::string& o : override_args) props.push_back(parse_override(o));
//   config_parse_result parsed = parse_broker_config(props);
//   log_config_notices(parsed);

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/config/broker_config.h"
#include "brokerd/config/local_hostname.h"
#include "brokerd/config/properties_file.h"

namespace kb::brokerd {

struct config_parse_result {
  broker_config config;
  // Supplied keys (each once, in order of first appearance) that are accepted but have no effect.
  std::vector<std::string> inactive_keys;
  // Supplied keys (each once, in order of first appearance) that no Kafka broker knows.
  std::vector<std::string> unknown_keys;
  // Accepted values this broker does not fully honour yet (log.cleanup.policy=compact).
  std::vector<std::string> warnings;
};

// Throws config_error (config_error.h) on any invalid or missing value. `local_hostname`
// supplies the host advertised for listeners with an empty host (injectable for tests).
config_parse_result parse_broker_config(const std::vector<property>& entries,
                                        const std::function<std::string()>& local_hostname = canonical_local_hostname);

// "key=value" from the command line (Kafka's --override). The key is trimmed; the value keeps
// everything after the first '='. Throws config_error when there is no '=' or no key.
property parse_override(std::string_view argument);

}  // namespace kb::brokerd
