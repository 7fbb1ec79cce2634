#pragma once

#include <string>

namespace kb::tools {

// The "[%d]" prefix of the log4j lines Kafka's tools write to stderr: local time with
// milliseconds after a comma, e.g. "[2024-05-01 12:00:00,123]".
std::string log_timestamp();

}  // namespace kb::tools
