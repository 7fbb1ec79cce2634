#include "brokerd/tools/delivery_report.h"

#include <string>

#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/log_timestamp.h"

namespace kb::tools {
namespace {

std::string size_text(const void* data, size_t len) {
  return data ? std::to_string(len) + " bytes" : "null";
}

}  // namespace

void delivery_report::install(rd_kafka_conf_t* conf) {
  rd_kafka_conf_set_dr_msg_cb(conf, &delivery_report::on_delivery);
  rd_kafka_conf_set_opaque(conf, this);
}

void delivery_report::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  static_cast<delivery_report*>(opaque)->record(*message);
}

void delivery_report::record(const rd_kafka_message_t& message) {
  if (!message.err) {
    ++delivered_;
    return;
  }
  ++failed_;
  err_ << log_timestamp() << " ERROR Error when sending message to topic " << rd_kafka_topic_name(message.rkt)
       << " with key: " << size_text(message.key, message.key_len)
       << ", value: " << size_text(message.payload, message.len)
       << " with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n"
       << kafka_error_text(message.err, rd_kafka_err2str(message.err)) << std::endl;
}

}  // namespace kb::tools
