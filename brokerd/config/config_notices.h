#pragma once

#include "brokerd/config/config_parser.h"

namespace kb::brokerd {

// Logs, once at startup, what parse_broker_config() collected besides the config itself:
//   INFO    Config key num.io.threads is accepted but has no effect in this broker
//   WARNING The configuration 'foo.bar' was supplied but isn't a known config.   (Kafka's text)
//   WARNING each entry of result.warnings
void log_config_notices(const config_parse_result& result);

}  // namespace kb::brokerd
