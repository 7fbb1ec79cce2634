#pragma once

// Apache Kafka broker keys this broker accepts but does not act on: thread pools (num.io.threads,
// num.network.threads, ...), TLS/SASL, quotas, metrics, the log cleaner, KRaft and tiered
// storage, protocol version pins, and so on. A config written for Kafka 3.x can be used
// unchanged; each such key is reported once at startup ("accepted but has no effect") and is
// neither an error nor an "unknown config" warning. The list is every key Kafka 3.5's
// KafkaConfig defines plus the broker keys added up to 3.9, minus the keys broker_options() defines.

#include <span>
#include <string_view>

namespace kb::brokerd {

// Sorted, no duplicates.
std::span<const std::string_view> inactive_keys();

// True for a key in inactive_keys() and for per-listener settings ("listener.name.<name>.<key>",
// which only matter for TLS/SASL listeners).
bool is_inactive_key(std::string_view key);

}  // namespace kb::brokerd
