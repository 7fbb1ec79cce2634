#include "brokerd/tools/group_offset_fetcher.h"

#include <thread>

#include "brokerd/protocol/messages/find_coordinator.h"
#include "brokerd/protocol/messages/offset_fetch.h"
#include "brokerd/tools/comma_lists.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

constexpr std::chrono::milliseconds retry_backoff{100};  // Kafka's retry.backoff.ms
constexpr int16_t find_coordinator_version = 1;
constexpr int16_t offset_fetch_version = 5;  // the broker's newest; v2+ takes a null topic list

bool retriable(protocol::error_code e) {
  return e == protocol::error_code::coordinator_load_in_progress ||
         e == protocol::error_code::coordinator_not_available || e == protocol::error_code::not_coordinator;
}

std::string exception_text(protocol::error_code e) {
  return kafka_exception_text(static_cast<rd_kafka_resp_err_t>(static_cast<int16_t>(e)));
}

}  // namespace

group_offset_fetcher::group_offset_fetcher(const std::string& bootstrap_servers, std::string client_id,
                                           std::chrono::milliseconds timeout)
    : bootstrap_(split_comma_list(bootstrap_servers)), client_id_(std::move(client_id)), timeout_(timeout) {
  if (bootstrap_.empty()) throw command_error("No bootstrap server given");
}

group_offset_fetcher::~group_offset_fetcher() = default;

std::vector<std::pair<kb::topic_partition, int64_t>> group_offset_fetcher::committed(const std::string& group) {
  const clock::time_point deadline = clock::now() + timeout_;
  std::string last_problem = "no broker answered in time";
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0) {
      if (clock::now() + retry_backoff >= deadline) {
        throw command_error("org.apache.kafka.common.errors.TimeoutException: " + last_problem);
      }
      std::this_thread::sleep_for(retry_backoff);
    }
    try {
      const std::string& server = bootstrap_[next_bootstrap_++ % bootstrap_.size()];
      protocol::find_coordinator_request find;
      find.key = group;
      protocol::find_coordinator_response found;
      {
        kafka_wire_client bootstrap(server, client_id_, deadline);
        found = bootstrap.call<protocol::find_coordinator_response>(protocol::api_key::find_coordinator,
                                                                    find_coordinator_version, false, find, deadline);
      }
      if (retriable(found.error_code)) {
        last_problem = exception_text(found.error_code);
        continue;
      }
      if (found.error_code != protocol::error_code::none) throw command_error(exception_text(found.error_code));

      protocol::offset_fetch_request request;
      request.group_id = group;
      request.topics = std::nullopt;  // every partition the group has committed
      kafka_wire_client coordinator(found.host + ":" + std::to_string(found.port), client_id_, deadline);
      const auto response = coordinator.call<protocol::offset_fetch_response>(
          protocol::api_key::offset_fetch, offset_fetch_version, false, request, deadline);
      if (retriable(response.error_code)) {
        last_problem = exception_text(response.error_code);
        continue;
      }
      if (response.error_code != protocol::error_code::none) throw command_error(exception_text(response.error_code));
      std::vector<std::pair<kb::topic_partition, int64_t>> out;
      for (const auto& t : response.topics) {
        for (const auto& p : t.partitions) {
          if (p.error_code != protocol::error_code::none) throw command_error(exception_text(p.error_code));
          out.emplace_back(kb::topic_partition{t.name, p.partition_index}, p.committed_offset);
        }
      }
      return out;
    } catch (const kafka_wire_client::wire_error& e) {
      last_problem = e.what();
    }
  }
}

}  // namespace kb::tools
