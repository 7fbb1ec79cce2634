// kafka-reassign-partitions: move partitions between brokers, with the flags, output and
// messages of Kafka's kafka-reassign-partitions.sh (kafka.admin.ReassignPartitionsCommand):
//   kafka-reassign-partitions --bootstrap-server 127.0.0.1:9092 --execute --reassignment-json-file move.json
//   kafka-reassign-partitions --bootstrap-server 127.0.0.1:9092 --verify --reassignment-json-file move.json
//   kafka-reassign-partitions --bootstrap-server 127.0.0.1:9092 --generate
//       --topics-to-move-json-file topics.json --broker-list 0,1,2
//   kafka-reassign-partitions --bootstrap-server 127.0.0.1:9092 --list | --cancel ...
// --bootstrap-server follows Kafka 3.5 (the Admin API); --zookeeper follows Kafka 2.8, which
// wrote /admin/reassign_partitions itself (--execute, --verify and --generate only).
// Exit status: 0 on success; 1 for a bad command line (message and options on stderr) or a
// failed action ("Error: <reason>" on stdout, or Kafka's terse messages).
#include <glog/logging.h>

#include <iostream>
#include <optional>

#include "brokerd/tools/admin_reassignment_commands.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/reassign_command_options.h"
#include "brokerd/tools/tool_error.h"
#include "brokerd/tools/zk_reassignment_commands.h"

using namespace kb::tools;

int main(int argc, char** argv) {
  // The ZooKeeper client logs through glog: keep its connection chatter off the tool's output.
  FLAGS_logtostderr = true;
  FLAGS_minloglevel = google::GLOG_ERROR;
  google::InitGoogleLogging(argv[0]);
  const reassign_command_line command_line;
  auto parsed = parse_or_usage(command_line, argc, argv, "This tool helps to move topic partitions between replicas.");
  if (!parsed.options) return parsed.exit_code;
  const std::optional<reassign_command_options>& opts = parsed.options;

  try {
    if (opts->uses_zookeeper()) {
      std::cout << "Warning: --zookeeper is deprecated, and will be removed in a future version of Kafka."
                << std::endl;
      zk_reassignment_commands(*opts->zookeeper, std::cout).run(*opts);
    } else {
      if (opts->zookeeper) {
        std::cout << "Warning: ignoring deprecated --zookeeper option because --bootstrap-server was specified.  "
                     "The --zookeeper option will be removed in a future version of Kafka."
                  << std::endl;
      }
      admin_reassignment_commands(*opts->bootstrap_server, std::cout).run(*opts);
    }
  } catch (const terse_error& e) {
    std::cout << e.what() << std::endl;
    return 1;
  } catch (const command_error& e) {
    std::cout << "Error: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
