#pragma once

#include <librdkafka/rdkafka.h>

#include <string>

namespace kb::tools {

// The text a Kafka tool prints for a broker error: the broker's own error message when it sent
// one (Kafka's exceptions carry it, e.g. "Topic 'orders' already exists."), otherwise the
// default message of Kafka's Errors enum for the code ("This server does not host this
// topic-partition."). `librdkafka_text` is what librdkafka reported for the error; librdkafka
// substitutes its own rd_kafka_err2str() text when the broker sent none, which is how the two
// cases are told apart. Codes without a Kafka message here keep librdkafka's text.
std::string kafka_error_text(rd_kafka_resp_err_t err, const char* librdkafka_text);

// The toString() of the exception Kafka's Errors enum gives for `err`, as Kafka's tools print
// a failed future: "org.apache.kafka.common.errors.GroupNotEmptyException: The group is not
// empty." librdkafka's own timeouts read as Kafka's TimeoutException; a code without a Kafka
// exception here is an UnknownServerException with librdkafka's text.
std::string kafka_exception_text(rd_kafka_resp_err_t err);

}  // namespace kb::tools
