#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/partition_assignment.h"
#include "brokerd/tools/rdkafka_ptr.h"
#include "brokerd/tools/record_source.h"

namespace kb::tools {

// Reads a fixed set of partitions with librdkafka's simple (legacy) consumer API, which needs
// no group.id and no group coordinator (kafka-console-consumer --partition): each partition is
// started at its own offset (rd_kafka_consume_start_queue) and all of them feed one queue.
// Nothing is committed.
//
// Lifecycle: construct over a RD_KAFKA_CONSUMER client, start() once, next() repeatedly; the
// destructor stops every partition and frees the handles, and must run before the client is
// destroyed. Single-threaded.
class partition_reader : public record_source {
 public:
  explicit partition_reader(rd_kafka_t* consumer);
  ~partition_reader() override;
  partition_reader(const partition_reader&) = delete;
  partition_reader& operator=(const partition_reader&) = delete;

  // Throws command_error when librdkafka refuses to start a partition.
  void start(const std::vector<partition_start>& partitions);

  // The next record or error event, or nullptr after `timeout` without one.
  message_ptr next(std::chrono::milliseconds timeout) override;

 private:
  struct topic_deleter {
    void operator()(rd_kafka_topic_t* t) const { rd_kafka_topic_destroy(t); }
  };

  rd_kafka_t* consumer_;
  queue_ptr queue_;
  std::map<std::string, std::unique_ptr<rd_kafka_topic_t, topic_deleter>> topics_;
  std::vector<std::pair<rd_kafka_topic_t*, int32_t>> started_;
};

}  // namespace kb::tools
