#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "brokerd/tools/client_config.h"
#include "brokerd/tools/key_value_args.h"

namespace kb::tools {

// What kafka-console-consumer was asked to do (Kafka 3.5's ConsoleConsumer.ConsumerConfig).
struct consumer_command_options {
  std::optional<std::string> topic;
  std::optional<std::string> include;  // an IncludeList regex, instead of --topic
  std::optional<int32_t> partition;    // only this partition of --topic, read without a group
  // Where --partition starts: RD_KAFKA_OFFSET_BEGINNING, RD_KAFKA_OFFSET_END or an offset (a
  // numeric --offset). Without --partition the group's committed offsets decide, or
  // auto.offset.reset for a group without them; this then says what auto.offset.reset means.
  int64_t start_offset = 0;
  std::optional<int64_t> max_messages;
  std::optional<int64_t> timeout_ms;  // give up after this long without a record
  bool skip_message_on_error = false;
  // The consumer group: --group, or group.id of --consumer-property / --consumer.config, or
  // (without --partition) a generated "console-consumer-NNNNN". Empty with --partition.
  std::optional<std::string> group;
  bool group_generated = false;  // the generated one: offsets are not committed unless asked
  client_config consumer;        // librdkafka consumer properties (group.id included when subscribing)
  key_value_list formatter_properties;
};

// kafka-console-consumer's command line, with Kafka's checks and messages ("The partition is
// required when offset is specified.", "Options from-beginning and offset cannot be specified
// together.", ...). auto.offset.reset comes from --consumer-property / --consumer.config, else
// "earliest" with --from-beginning, else "latest"; a conflicting pair is refused as Kafka does.
//
// As in Kafka's ConsoleConsumer, a consumer without --partition subscribes as a member of a
// group: the one given (where enable.auto.commit keeps the client's default, true, so its
// offsets are committed), or "console-consumer-<n>" with n in [0, 99999] and auto-commit off
// unless enable.auto.commit is set. --partition reads that partition alone, outside any group
// (refused together with a group, as Kafka does).
class consumer_command_line {
 public:
  // `group_number` draws the n of a generated group id (uniform in [0, 99999] by default).
  explicit consumer_command_line(std::function<int()> group_number = {});

  // nullopt for --help; throws usage_error (bad command line) or command_error (the
  // --from-beginning / auto.offset.reset conflict, an unreadable config file).
  std::optional<consumer_command_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  std::function<int()> group_number_;
  boost::program_options::options_description description_{"Option"};
};

}  // namespace kb::tools
