#include "brokerd/handlers/partition_reassignments_handlers.h"

#include "brokerd/handlers/error_mapping.h"
#include "brokerd/protocol/messages/partition_reassignments.h"
#include "zkmeta/controller/reassignments.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

std::string not_controller_message() { return std::string(protocol::message(error_code::not_controller)); }

}  // namespace

asio::awaitable<protocol::alter_partition_reassignments_response> handle_alter_partition_reassignments(
    zkmeta::controller& controller, const server::request_context&,
    protocol::alter_partition_reassignments_request req) {
  zkmeta::reassignments::alter_request request;
  for (const auto& t : req.topics) {
    for (const auto& p : t.partitions) request[{t.name, p.partition_index}] = p.replicas;
  }
  auto outcomes = co_await controller.partition_reassignments().alter(std::move(request));
  protocol::alter_partition_reassignments_response resp;
  if (!outcomes) {
    resp.error_code = error_code::not_controller;
    resp.error_message = not_controller_message();
    co_return resp;
  }
  for (const auto& [tp, outcome] : *outcomes) {
    if (resp.responses.empty() || resp.responses.back().name != tp.topic) resp.responses.push_back({tp.topic, {}});
    protocol::alter_partition_reassignments_response::partition_response p;
    p.partition_index = tp.partition;
    p.error_code = to_kafka_error(outcome.error);
    if (p.error_code != error_code::none) p.error_message = outcome.message;
    resp.responses.back().partitions.push_back(std::move(p));
  }
  co_return resp;
}

asio::awaitable<protocol::list_partition_reassignments_response> handle_list_partition_reassignments(
    zkmeta::controller& controller, const server::request_context&,
    protocol::list_partition_reassignments_request req) {
  std::optional<std::set<kb::topic_partition>> wanted;
  if (req.topics) {
    wanted.emplace();
    for (const auto& t : *req.topics) {
      for (int32_t p : t.partition_indexes) wanted->insert({t.name, p});
    }
  }
  auto listed = co_await controller.partition_reassignments().list(std::move(wanted));
  protocol::list_partition_reassignments_response resp;
  if (!listed) {
    resp.error_code = error_code::not_controller;
    resp.error_message = not_controller_message();
    co_return resp;
  }
  for (const auto& [tp, a] : *listed) {
    if (resp.topics.empty() || resp.topics.back().name != tp.topic) resp.topics.push_back({tp.topic, {}});
    resp.topics.back().partitions.push_back({tp.partition, a.replicas, a.adding, a.removing});
  }
  co_return resp;
}

}  // namespace kb::handlers
