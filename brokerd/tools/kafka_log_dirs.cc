// kafka-log-dirs: what each broker's log dirs hold, and which have failed, through the
// DescribeLogDirs API, with the flags and output of Kafka 3.x's kafka-log-dirs.sh
// (kafka.admin.LogDirsCommand), e.g.
//   kafka-log-dirs --bootstrap-server 127.0.0.1:9092 --describe --broker-list 0 --topic-list orders
// Prints "Querying brokers for log directories information", "Received log directory
// information from brokers 0,1,2" and one line of JSON (log_dirs_report.h). Exit status 1 for
// a bad command line, an unreachable broker, or a broker id the cluster does not have.
#include <algorithm>
#include <chrono>
#include <iostream>

#include "brokerd/config/config_error.h"
#include "brokerd/config/properties_file.h"
#include "brokerd/tools/comma_lists.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/controller_client.h"
#include "brokerd/tools/java_exception.h"
#include "brokerd/tools/kafka_wire_client.h"
#include "brokerd/tools/log_dirs_options.h"
#include "brokerd/tools/log_dirs_report.h"
#include "brokerd/tools/tool_error.h"

using namespace kb::tools;

namespace {

constexpr std::chrono::milliseconds timeout{60000};  // the admin client's default.api.timeout.ms
constexpr int16_t describe_log_dirs_version = 4;     // what Kafka 3.3+'s admin client sends
constexpr const char* client_id = "log-dirs-tool";

// Asks `broker` at `address` for every log dir it has (a null topic list, as the admin client sends).
kb::protocol::describe_log_dirs_response describe(const std::string& address, int32_t broker) {
  const auto deadline = kafka_wire_client::clock::now() + timeout;
  kafka_wire_client connection(address, client_id, deadline);
  auto response = connection.call<kb::protocol::describe_log_dirs_response>(
      kb::protocol::api_key::describe_log_dirs, describe_log_dirs_version, true,
      kb::protocol::describe_log_dirs_request{}, deadline);
  if (response.error_code != kb::protocol::error_code::none) {
    throw command_error("Broker " + std::to_string(broker) + ": " +
                        java_exception_text(response.error_code, std::nullopt));
  }
  return response;
}

}  // namespace

int main(int argc, char** argv) {
  const log_dirs_command_line command_line;
  auto parsed = parse_or_usage(command_line, argc, argv, log_dirs_command_line::summary);
  if (!parsed.options) return parsed.exit_code;
  const log_dirs_options& opts = *parsed.options;

  try {
    validate_host_ports(opts.bootstrap_server);
    // Read so that a missing file is an error, as in Kafka; this tool speaks PLAINTEXT only.
    if (opts.command_config) kb::brokerd::read_properties_file(*opts.command_config);
    controller_client cluster(opts.bootstrap_server, client_id, timeout);
    kb::protocol::metadata_request request;
    request.topics = std::vector<kb::protocol::metadata_request_topic>{};  // brokers only
    request.allow_auto_topic_creation = false;
    const kb::protocol::metadata_response metadata = cluster.metadata(request);
    std::vector<int32_t> known;
    for (const auto& b : metadata.brokers) known.push_back(b.node_id);
    std::sort(known.begin(), known.end());

    const std::vector<int32_t> brokers = opts.brokers.value_or(known);
    std::vector<int32_t> missing;
    for (int32_t id : brokers) {
      if (!std::binary_search(known.begin(), known.end(), id)) missing.push_back(id);
    }
    if (!missing.empty()) {
      throw command_error("ERROR: The given brokers do not exist from --broker-list: " + join_ids(missing) +
                          ". Current existent brokers: " + join_ids(known));
    }
    std::cout << "Querying brokers for log directories information" << std::endl;
    std::vector<broker_log_dirs> answers;
    for (int32_t id : brokers) {
      auto it = std::find_if(metadata.brokers.begin(), metadata.brokers.end(),
                             [id](const auto& b) { return b.node_id == id; });
      answers.push_back({id, describe(it->host + ":" + std::to_string(it->port), id)});
    }
    std::cout << "Received log directory information from brokers " << join_ids(brokers) << '\n'
              << log_dirs_json(answers, opts.topics) << std::endl;
  } catch (const usage_error& e) {
    print_usage(std::cerr, e.what(), command_line.description());
    return 1;
  } catch (const command_error& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  } catch (const kb::brokerd::config_error& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  } catch (const std::exception& e) {  // never a crash: a clear message and exit 1
    std::cerr << "Error: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
