// kafka-topics: create, list, describe, alter (add partitions) and delete topics through the
// Admin API, with the flags, output and messages of Kafka 3.5's kafka-topics.sh
// (kafka.admin.TopicCommand), e.g.
//   kafka-topics --bootstrap-server 127.0.0.1:9092 --create --topic orders --partitions 3 --replication-factor 2
//   kafka-topics --bootstrap-server 127.0.0.1:9092 --describe --topic orders
// Exit status: 0 on success; 1 for a bad command line (message and options on stderr) or a
// failed action ("Error while executing topic command : <reason>" on stdout, as Kafka prints it).
#include <chrono>
#include <iostream>
#include <optional>

#include "brokerd/tools/client_config.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/tool_error.h"
#include "brokerd/tools/topic_command_options.h"
#include "brokerd/tools/topic_service.h"

using namespace kb::tools;

namespace {

// Kafka's admin client waits 30 s for a request (request.timeout.ms).
constexpr std::chrono::milliseconds request_timeout{30000};

constexpr const char* summary = "This tool helps to create, delete, describe, or change a topic.";

}  // namespace

int main(int argc, char** argv) {
  const topic_command_line command_line;
  auto parsed = parse_or_usage(command_line, argc, argv, summary);
  if (!parsed.options) return parsed.exit_code;
  const std::optional<topic_command_options>& opts = parsed.options;

  try {
    client_config config;
    if (opts->command_config) config.merge_file(*opts->command_config);
    config.set("bootstrap.servers", opts->bootstrap_server);
    if (!config.contains("client.id")) config.set("client.id", "adminclient-1");
    client_ptr client = config.create(RD_KAFKA_PRODUCER, std::cerr);
    topic_service(client.get(), request_timeout, std::cout).run(*opts);
  } catch (const command_error& e) {
    std::cout << "Error while executing topic command : " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
