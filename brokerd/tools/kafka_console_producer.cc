// kafka-console-producer: reads standard input and produces one record per line, with the
// flags of Kafka 3.5's kafka-console-producer.sh (kafka.tools.ConsoleProducer), e.g.
//   kafka-console-producer --bootstrap-server 127.0.0.1:9092 --topic orders
//       --property parse.key=true --property key.separator=:
// It exits at end of input once every record has been acknowledged or has failed.
// Exit status: 0 when every record was delivered; 1 for a bad command line (message and options
// on stderr), a line that cannot be parsed, or any record that could not be delivered (each
// failure logged on stderr as Kafka's ErrorLoggingCallback logs it).
#include <unistd.h>

#include <iostream>
#include <string>

#include "brokerd/tools/command_line.h"
#include "brokerd/tools/delivery_report.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/line_record_reader.h"
#include "brokerd/tools/producer_command_options.h"
#include "brokerd/tools/tool_error.h"

using namespace kb::tools;

namespace {

constexpr const char* summary = "This tool helps to read data from standard input and publish it to Kafka.";
constexpr int poll_interval_ms = 100;

headers_ptr make_headers(const line_record& record) {
  if (record.headers.empty()) return nullptr;
  headers_ptr headers(rd_kafka_headers_new(record.headers.size()));
  for (const auto& [name, value] : record.headers) {
    rd_kafka_header_add(headers.get(), name.data(), static_cast<ssize_t>(name.size()), value ? value->data() : nullptr,
                        value ? static_cast<ssize_t>(value->size()) : 0);
  }
  return headers;
}

// Hands one record to librdkafka, waiting for queue space when its buffer is full (the Java
// producer blocks in send() the same way). Throws command_error if librdkafka refuses it.
void send(rd_kafka_t* producer, const std::string& topic, const line_record& record) {
  // A null pointer is a null key or value; a non-null one of length 0 an empty one.
  const void* key = record.key ? record.key->data() : nullptr;
  const size_t key_len = record.key ? record.key->size() : 0;
  void* value = record.value ? const_cast<char*>(record.value->data()) : nullptr;
  const size_t value_len = record.value ? record.value->size() : 0;
  while (true) {
    headers_ptr headers = make_headers(record);
    rd_kafka_resp_err_t err = rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()),
                                                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key, key_len),
                                                RD_KAFKA_V_VALUE(value, value_len), RD_KAFKA_V_HEADERS(headers.get()),
                                                RD_KAFKA_V_END);
    if (!err) {
      headers.release();  // librdkafka owns the headers once the record is accepted
      return;
    }
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) throw command_error(kafka_error_text(err, rd_kafka_err2str(err)));
    rd_kafka_poll(producer, poll_interval_ms);
  }
}

// Waits until every record handed to librdkafka was acknowledged or failed (each one fails by
// delivery.timeout.ms at the latest).
void flush_all(rd_kafka_t* producer) {
  while (rd_kafka_outq_len(producer) > 0) rd_kafka_flush(producer, 1000);
}

}  // namespace

int main(int argc, char** argv) {
  const producer_command_line command_line;
  auto parsed = parse_or_usage(command_line, argc, argv, summary);
  if (!parsed.options) return parsed.exit_code;
  const std::optional<producer_command_options>& opts = parsed.options;

  delivery_report report(std::cerr);
  client_ptr producer;
  try {
    line_record_reader reader(opts->reader_properties);
    conf_ptr conf = opts->producer.build(std::cerr);
    report.install(conf.get());
    producer = create_client(RD_KAFKA_PRODUCER, std::move(conf));

    // Kafka prompts with '>' when it talks to a terminal (System.console() != null).
    const bool prompt = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    std::string line;
    while (true) {
      if (prompt) std::cout << '>' << std::flush;
      if (!std::getline(std::cin, line)) break;
      if (!line.empty() && line.back() == '\r') line.pop_back();  // readLine() ends lines at \r\n too
      send(producer.get(), opts->topic, reader.parse(line));
      if (opts->sync) {
        const int64_t failed_before = report.failed();
        flush_all(producer.get());
        if (report.failed() > failed_before) return 1;
      } else {
        rd_kafka_poll(producer.get(), 0);
      }
    }
    flush_all(producer.get());
  } catch (const command_error& e) {
    if (producer) flush_all(producer.get());  // Kafka closes the producer, sending what it already has
    std::cerr << "org.apache.kafka.common.KafkaException: " << e.what() << std::endl;
    return 1;
  }
  return report.failed() > 0 ? 1 : 0;
}
