// kafka-consumer-groups: lists, describes and deletes consumer groups, resets their offsets
// and deletes some of them, with the flags, output and messages of Kafka 3.5's
// kafka-consumer-groups.sh (kafka.admin.ConsumerGroupCommand), e.g.
//   kafka-consumer-groups --bootstrap-server 127.0.0.1:9092 --list --state
//   kafka-consumer-groups --bootstrap-server 127.0.0.1:9092 --describe --group billing --members --verbose
//   kafka-consumer-groups --bootstrap-server 127.0.0.1:9092 --reset-offsets --group billing --topic orders
//       --to-earliest --execute
// Exit status, as Kafka's: 1 for a bad command line (message and options on stderr), also when
// found in mid-run (an invalid --state list, a reset without scope or scenario); otherwise 0,
// even when the action failed ("Error: Executing consumer group command failed due to ..." on
// stdout) or a group does not exist.
#include <chrono>
#include <iostream>
#include <optional>

#include "brokerd/tools/client_config.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/consumer_group_admin.h"
#include "brokerd/tools/consumer_group_command_options.h"
#include "brokerd/tools/consumer_group_report.h"
#include "brokerd/tools/consumer_group_service.h"
#include "brokerd/tools/group_offset_fetcher.h"
#include "brokerd/tools/tool_error.h"

using namespace kb::tools;

namespace {

constexpr const char* summary =
    "This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset "
    "consumer group offsets.";

}  // namespace

int main(int argc, char** argv) {
  const consumer_group_command_line command_line;
  auto parsed = parse_or_usage(command_line, argc, argv, summary);
  if (!parsed.options) return parsed.exit_code;
  const consumer_group_options& opts = *parsed.options;

  try {
    client_config config;
    if (opts.command_config) config.merge_file(*opts.command_config);
    config.set("bootstrap.servers", opts.bootstrap_server);
    if (!config.contains("client.id")) config.set("client.id", "adminclient-1");
    client_ptr client = config.create(RD_KAFKA_PRODUCER, std::cerr);
    const std::chrono::milliseconds timeout(opts.timeout_ms);
    group_offset_fetcher offsets(opts.bootstrap_server, *config.get("client.id"), timeout);
    consumer_group_admin admin(client.get(), offsets, timeout);
    try {
      consumer_group_service(admin, opts, std::cout, std::cerr).run();
    } catch (const usage_error& e) {
      std::cout.flush();
      print_usage(std::cerr, e.what(), command_line.description());
      return 1;
    }
  } catch (const command_error& e) {
    print_error(std::cout, std::string("Executing consumer group command failed due to ") + e.what());
  }
  return 0;
}
