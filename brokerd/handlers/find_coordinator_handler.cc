#include "brokerd/handlers/find_coordinator_handler.h"

#include <glog/logging.h>

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

protocol::find_coordinator_response coordinator_error(error_code e) {
  protocol::find_coordinator_response r;
  r.error_code = e;
  r.error_message = std::string(protocol::message(e));
  r.node_id = -1;
  r.host = "";
  r.port = -1;
  return r;
}

// Creates __consumer_offsets as Kafka's createInternalTopic does. Returns false if it cannot
// be created yet (too few brokers alive).
asio::awaitable<bool> create_offsets_topic(group_services& s) {
  const auto alive = static_cast<int32_t>(s.broker.metadata.brokers().size());
  if (alive < s.config.offsets_topic_replication_factor) {
    LOG_EVERY_N(WARNING, 20) << "Number of alive brokers '" << alive
                             << "' does not meet the required replication factor '"
                             << s.config.offsets_topic_replication_factor
                             << "' for the offsets topic (configured via 'offsets.topic.replication.factor'). This "
                                "error can be ignored if the cluster is starting up and not all brokers are up yet.";
    co_return false;
  }
  cluster::new_topic t;
  t.name = group::offsets_topic;
  t.partitions = s.config.offsets_topic_num_partitions;
  t.replication_factor = s.config.offsets_topic_replication_factor;
  t.config = {{"cleanup.policy", "compact"},
              {"segment.bytes", std::to_string(s.config.offsets_topic_segment_bytes)},
              {"compression.type", "producer"}};
  cluster::admin_result created = co_await s.broker.admin.create_topic(t, false);
  if (created.error != error_code::none && created.error != error_code::topic_already_exists) {
    LOG(WARNING) << "Creating " << group::offsets_topic << " failed: " << protocol::name(created.error) << " "
                 << created.message.value_or("");
    co_return false;
  }
  if (created.error == error_code::none) {
    LOG(INFO) << "Created " << group::offsets_topic << " with " << t.partitions
              << " partition(s), replication factor " << t.replication_factor;
  }
  co_return true;
}

}  // namespace

asio::awaitable<protocol::find_coordinator_response> handle_find_coordinator(group_services& s,
                                                                             const server::request_context&,
                                                                             protocol::find_coordinator_request req) {
  if (req.key_type == protocol::coordinator_key_type::transaction) {
    co_return coordinator_error(error_code::coordinator_not_available);
  }
  if (req.key_type != protocol::coordinator_key_type::group) co_return coordinator_error(error_code::invalid_request);
  if (!s.broker.metadata.topic(group::offsets_topic)) {
    co_await create_offsets_topic(s);
    co_return coordinator_error(error_code::coordinator_not_available);
  }
  const int32_t partition = s.coordinator.partition_for(req.key);
  const cluster::partition_state* state = s.broker.metadata.partition({group::offsets_topic, partition});
  const cluster::broker_info* leader = state && state->leader >= 0 ? s.broker.metadata.broker(state->leader) : nullptr;
  if (!leader) co_return coordinator_error(error_code::coordinator_not_available);
  protocol::find_coordinator_response r;
  r.node_id = leader->id;
  r.host = leader->host;
  r.port = leader->port;
  r.error_message = "NONE";  // Kafka sends Errors.NONE.message()
  co_return r;
}

}  // namespace kb::handlers
