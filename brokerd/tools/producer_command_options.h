#pragma once

#include <boost/program_options.hpp>

#include <optional>
#include <string>

#include "brokerd/tools/client_config.h"
#include "brokerd/tools/key_value_args.h"

namespace kb::tools {

// What kafka-console-producer was asked to do (Kafka 3.5's ConsoleProducer.ProducerConfig).
struct producer_command_options {
  std::string topic;
  bool sync = false;                 // wait for each record's acknowledgement before reading on
  client_config producer;            // the librdkafka producer's properties, Kafka's precedence applied
  key_value_list reader_properties;  // --reader-config then --property, for line_record_reader
};

// kafka-console-producer's command line. The producer properties are assembled as Kafka does:
// --producer.config, then --producer-property, then bootstrap.servers, compression.type (from
// --compression-codec, always: none unless given; "--compression-codec" alone means gzip),
// client.id=console-producer and partitioner=murmur2_random (the Java client's key hashing)
// unless set, and each of the tuning flags
// (--request-required-acks -> acks [-1], --timeout -> linger.ms [1000],
// --request-timeout-ms [1500], --message-send-max-retries -> retries [3],
// --retry-backoff-ms [100], --batch-size / --max-partition-memory-bytes -> batch.size [16384],
// --metadata-expiry-ms -> metadata.max.age.ms [300000], --socket-buffer-size ->
// socket.send.buffer.bytes [102400]) replacing a property of the same name only when the flag is
// given, or filling it with the default when the property is unset.
class producer_command_line {
 public:
  producer_command_line();

  // nullopt for --help; throws usage_error (bad command line) or command_error (unreadable
  // --producer.config / --reader-config).
  std::optional<producer_command_options> parse(int argc, const char* const argv[]) const;

  const boost::program_options::options_description& description() const { return description_; }

 private:
  boost::program_options::options_description description_{"Option"};
};

}  // namespace kb::tools
