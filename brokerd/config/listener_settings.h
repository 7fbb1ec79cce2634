#pragma once

// Resolves the listener keys of a broker config together, as Kafka's KafkaConfig does:
//   listener.security.protocol.map  NAME:PROTOCOL pairs (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL)
//   listeners                       bound endpoints; distinct names, distinct non-zero ports
//   advertised.listeners            published endpoints (default: listeners); names must be
//                                   among the listeners; never 0.0.0.0; an empty host becomes
//                                   the canonical local host name
//   inter.broker.listener.name /    the listener brokers use between themselves; at most one of
//   security.inter.broker.protocol  the two keys; must be an advertised listener
// Only PLAINTEXT is supported: a listener mapped to any other protocol is a config_error
// naming the listener.

#include <functional>
#include <string>

#include "brokerd/config/broker_config.h"
#include "brokerd/config/config_reader.h"

namespace kb::brokerd {

// Fills cfg.listeners, advertised_listeners, listener_security_protocol_map and
// inter_broker_listener_name. Throws config_error.
void resolve_listener_settings(const config_reader& reader, const std::function<std::string()>& local_hostname,
                               broker_config& cfg);

}  // namespace kb::brokerd
