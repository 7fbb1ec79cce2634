#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <ostream>

namespace kb::tools {

// Counts the producer's delivery reports and logs each failure the way Kafka's console
// producer does (its ErrorLoggingCallback), on `err`:
//   [2024-05-01 12:00:00,123] ERROR Error when sending message to topic orders with key: 3 bytes,
//   value: 5 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)
//   <the reason>
// (one line each; "null" for a null key or value). Register with install(); librdkafka then calls
// it from rd_kafka_poll()/rd_kafka_flush() on the calling thread, so no locking is needed. The
// object must outlive the producer.
class delivery_report {
 public:
  explicit delivery_report(std::ostream& err) : err_(err) {}

  // Sets the delivery-report callback and this object as the conf's opaque.
  void install(rd_kafka_conf_t* conf);

  int64_t delivered() const { return delivered_; }
  int64_t failed() const { return failed_; }

 private:
  static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);
  void record(const rd_kafka_message_t& message);

  std::ostream& err_;
  int64_t delivered_ = 0;
  int64_t failed_ = 0;
};

}  // namespace kb::tools
