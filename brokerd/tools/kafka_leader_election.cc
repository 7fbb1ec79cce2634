// kafka-leader-election: asks the controller for preferred or unclean leader elections through
// the ElectLeaders API, with the flags, output and messages of Kafka 3.5's
// kafka-leader-election.sh (kafka.admin.LeaderElectionCommand), e.g.
//   kafka-leader-election --bootstrap-server 127.0.0.1:9092 --election-type preferred --all-topic-partitions
//   kafka-leader-election --bootstrap-server 127.0.0.1:9092 --election-type unclean --topic orders --partition 0
// Exit status: 0 when every election succeeded or was not needed; 1 for a bad command line,
// an unreachable cluster, or a partition that could not be elected ("<n> replica(s) could not
// be elected" on stderr after the per-partition lines on stdout).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>

#include "brokerd/config/config_error.h"
#include "brokerd/config/properties_file.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/controller_client.h"
#include "brokerd/tools/java_exception.h"
#include "brokerd/tools/leader_election_options.h"
#include "brokerd/tools/leader_election_report.h"
#include "brokerd/tools/replica_election_data.h"
#include "brokerd/tools/tool_error.h"

using namespace kb::tools;

namespace {

// Kafka's tool waits 30 s for the election results (its admin client's default.api.timeout.ms).
constexpr std::chrono::milliseconds election_timeout{30000};
constexpr int16_t elect_leaders_version = 1;  // the first with the election type

constexpr const char* summary =
    "This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are "
    "preferred replicas and unclean replicas.";

kb::protocol::elect_leaders_request build_request(const leader_election_options& opts) {
  kb::protocol::elect_leaders_request req;
  req.election_type = opts.election_type;
  req.timeout_ms = static_cast<int32_t>(election_timeout.count());
  std::optional<std::vector<kb::topic_partition>> partitions;
  if (opts.path_to_json_file) partitions = parse_replica_election_data(read_file_text(*opts.path_to_json_file));
  if (opts.topic_partition) partitions = std::vector<kb::topic_partition>{*opts.topic_partition};
  if (!partitions) {
    req.topic_partitions = std::nullopt;  // --all-topic-partitions
    return req;
  }
  std::vector<kb::protocol::elect_leaders_request::election_topic> topics;
  for (const kb::topic_partition& tp : *partitions) {
    auto it = std::find_if(topics.begin(), topics.end(), [&](const auto& t) { return t.topic == tp.topic; });
    if (it == topics.end()) it = topics.insert(topics.end(), {tp.topic, {}});
    it->partitions.push_back(tp.partition);
  }
  req.topic_partitions = std::move(topics);
  return req;
}

}  // namespace

int main(int argc, char** argv) {
  const leader_election_command_line command_line;
  auto parsed = parse_or_usage(command_line, argc, argv, summary);
  if (!parsed.options) return parsed.exit_code;
  const std::optional<leader_election_options>& opts = parsed.options;

  try {
    validate_host_ports(opts->bootstrap_server);
    // The admin client's properties: read (so a missing file is an error, as in Kafka), but
    // this tool speaks PLAINTEXT only and takes no other setting from them.
    if (opts->admin_config) kb::brokerd::read_properties_file(*opts->admin_config);
    const kb::protocol::elect_leaders_request request = build_request(*opts);
    controller_client client(opts->bootstrap_server, "adminclient-1", election_timeout);
    kb::protocol::elect_leaders_response response;
    try {
      response = client.call<kb::protocol::elect_leaders_response>(kb::protocol::api_key::elect_leaders,
                                                                    elect_leaders_version, false, request);
    } catch (const controller_client::timeout_error& e) {
      std::cout << "Timeout waiting for election results" << std::endl;
      throw command_error(std::string("Timeout waiting for election results (") + e.what() + ")");
    }
    if (response.error_code != kb::protocol::error_code::none) {
      throw command_error(java_exception_text(response.error_code, std::nullopt));
    }
    const election_report report = report_election(opts->election_type, response);
    for (const std::string& line : report.lines) std::cout << line << '\n';
    std::cout.flush();
    if (report.failed > 0) {
      std::cerr << report.failed << " replica(s) could not be elected" << std::endl;
      return 1;
    }
  } catch (const usage_error& e) {
    print_usage(std::cerr, e.what(), command_line.description());
    return 1;
  } catch (const command_error& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  } catch (const kb::brokerd::config_error& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  return 0;
}
