#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "brokerd/tools/client_config.h"
#include "brokerd/tools/key_value_args.h"

namespace kb::tools {

// What kafka-console-consumer was asked to do (Kafka 3.5's ConsoleConsumer.ConsumerConfig).
struct consumer_command_options {
  std::optional<std::string> topic;
  std::optional<std::string> include;  // an IncludeList regex, instead of --topic
  std::optional<int32_t> partition;    // only this partition of --topic
  // Where to start in each partition: RD_KAFKA_OFFSET_BEGINNING, RD_KAFKA_OFFSET_END or an
  // offset (--partition with a numeric --offset).
  int64_t start_offset = 0;
  std::optional<int64_t> max_messages;
  std::optional<int64_t> timeout_ms;  // give up after this long without a record
  bool skip_message_on_error = false;
  std::optional<std::string> group;  // given but not used: the broker has no group coordinator yet
  client_config consumer;            // librdkafka consumer properties (without group.id)
  key_value_list formatter_properties;
};

// kafka-console-consumer's command line, with Kafka's checks and messages ("The partition is
// required when offset is specified.", "Options from-beginning and offset cannot be specified
// together.", ...). auto.offset.reset comes from --consumer-property / --consumer.config, else
// "earliest" with --from-beginning, else "latest"; a conflicting pair is refused as Kafka does.
class consumer_command_line {
 public:
  consumer_command_line();

  // nullopt for --help; throws usage_error (bad command line) or command_error (the
  // --from-beginning / auto.offset.reset conflict, an unreadable config file).
  std::optional<consumer_command_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  boost::program_options::options_description description_{"Option"};
};

}  // namespace kb::tools
