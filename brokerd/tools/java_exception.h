#pragma once

#include <optional>
#include <string>

#include "brokerd/protocol/error_code.h"

namespace kb::tools {

// The org.apache.kafka.common.errors class Kafka's Errors enum gives for `code`, fully named
// ("org.apache.kafka.common.errors.KafkaStorageException"), as Kafka's tools print a
// getClass.getName. Most are the code's name in CamelCase plus "Exception"; those Errors.java
// names otherwise are listed in java_exception.cc (the ones a broker of ours can send).
std::string java_exception_class(protocol::error_code code);

// A Kafka error as Java prints the client's exception (Throwable.toString):
// "org.apache.kafka.common.errors.NotControllerException: This is not the correct controller for this cluster."
// The broker's message when it sent one, else the error's default message.
std::string java_exception_text(protocol::error_code code, const std::optional<std::string>& message);

}  // namespace kb::tools
