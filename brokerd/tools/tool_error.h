#pragma once

#include <librdkafka/rdkafka.h>

#include <stdexcept>
#include <string>

namespace kb::tools {

// The two ways an operator tool fails, as Kafka's tools tell them apart:
//   * usage_error: the command line is wrong. The tool prints the message and its option
//     table to stderr and exits 1 (Kafka's CommandLineUtils.printUsageAndExit);
//   * command_error: the command line was fine but the action failed (the topic exists, the
//     broker refused, a line could not be parsed). Each tool prints it its own way, e.g.
//     kafka-topics' "Error while executing topic command : <message>", and exits 1.
class usage_error : public std::runtime_error {
 public:
  explicit usage_error(const std::string& message) : std::runtime_error(message) {}
};

class command_error : public std::runtime_error {
 public:
  explicit command_error(const std::string& message) : std::runtime_error(message) {}
};

// A command_error printed as is, without the tool's usual prefix (Kafka's
// TerseReassignmentFailureException: kafka-reassign-partitions prints other failures as
// "Error: <message>").
class terse_error : public command_error {
 public:
  explicit terse_error(const std::string& message) : command_error(message) {}
};

// A command_error the broker reported with an error code, for callers that treat some codes
// specially (kafka-topics --create --if-not-exists ignores TOPIC_ALREADY_EXISTS).
class broker_error : public command_error {
 public:
  broker_error(rd_kafka_resp_err_t code, const std::string& message) : command_error(message), code_(code) {}
  rd_kafka_resp_err_t code() const { return code_; }

 private:
  rd_kafka_resp_err_t code_;
};

}  // namespace kb::tools
