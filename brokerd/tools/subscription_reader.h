#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <string>
#include <vector>

#include "brokerd/tools/rdkafka_ptr.h"
#include "brokerd/tools/record_source.h"

namespace kb::tools {

// Reads the topics of a group subscription with librdkafka's high-level consumer (Kafka's
// KafkaConsumer.subscribe): the client's group.id joins its group through the coordinator,
// which assigns the partitions; each starts at the group's committed offset, or where
// auto.offset.reset says. With enable.auto.commit (librdkafka's default), the offsets of the
// records next() has returned are committed periodically and at close(), as the Java
// consumer's auto-commit does.
//
// Lifecycle: construct over a RD_KAFKA_CONSUMER client with a group.id, subscribe(), next()
// repeatedly, close() (the destructor closes if that was not done); all before the client is
// destroyed. Single-threaded.
class subscription_reader : public record_source {
 public:
  explicit subscription_reader(rd_kafka_t* consumer);
  ~subscription_reader() override;
  subscription_reader(const subscription_reader&) = delete;
  subscription_reader& operator=(const subscription_reader&) = delete;

  // Replaces the subscription. Throws command_error when librdkafka refuses it.
  void subscribe(const std::vector<std::string>& topics);

  message_ptr next(std::chrono::milliseconds timeout) override;

  // Commits (with auto-commit) and leaves the group. Throws nothing; a failure is ignored,
  // as the consumer is going away.
  void close();

 private:
  rd_kafka_t* consumer_;
  bool closed_ = false;
};

}  // namespace kb::tools
