#include "brokerd/handlers/metadata_handler.h"

#include <stdexcept>

#include "brokerd/cluster/internal_topics.h"
#include "brokerd/protocol/messages/metadata.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

protocol::metadata_response_topic describe_topic(const broker_services& s, const cluster::topic_info& t) {
  protocol::metadata_response_topic out;
  out.name = t.name;
  out.is_internal = cluster::is_internal_topic(t.name);
  for (const auto& [index, replicas] : t.assignment) {
    auto& p = out.partitions.emplace_back();
    p.partition_index = index;
    p.replica_nodes = replicas;
    for (int32_t r : replicas) {
      if (!s.metadata.is_alive(r)) p.offline_replicas.push_back(r);
    }
    auto state = t.partitions.find(index);
    if (state == t.partitions.end()) {
      p.error_code = error_code::leader_not_available;
      p.leader_id = -1;
      continue;
    }
    p.leader_id = state->second.leader;
    p.leader_epoch = state->second.leader_epoch;
    p.isr_nodes = state->second.isr;
    if (p.leader_id < 0 || !s.metadata.is_alive(p.leader_id)) {
      p.error_code = error_code::leader_not_available;
      p.leader_id = -1;
    }
  }
  return out;
}

}  // namespace

asio::awaitable<protocol::metadata_response> handle_metadata(broker_services& s, const server::request_context& ctx,
                                                             protocol::metadata_request req) {
  // Past its ZooKeeper session lease this broker's view may be stale (it may have been
  // replaced as leader, and cannot learn it): it answers no Metadata, and closing the
  // connection sends the client to another broker for it. Answering would keep a client
  // that asks the same broker again (librdkafka does) on a stale view for as long as the
  // broker is cut off from ZooKeeper.
  if (!s.lease.held()) {
    throw std::runtime_error("Metadata refused: ZooKeeper session lease lapsed, the metadata here may be stale");
  }
  protocol::metadata_response resp;
  for (const auto& [id, b] : s.metadata.brokers()) resp.brokers.push_back({id, b.host, b.port, b.rack});
  resp.cluster_id = s.metadata.cluster_id();
  resp.controller_id = s.metadata.controller_id();

  if (req.all_topics(ctx.version())) {
    for (const auto& [name, t] : s.metadata.topics()) resp.topics.push_back(describe_topic(s, t));
    co_return resp;
  }
  bool may_create = s.settings.auto_create_topics && (ctx.version() < 4 || req.allow_auto_topic_creation);
  for (const auto& requested : *req.topics) {
    if (const cluster::topic_info* t = s.metadata.topic(requested.name)) {
      resp.topics.push_back(describe_topic(s, *t));
      continue;
    }
    auto& missing = resp.topics.emplace_back();
    missing.name = requested.name;
    missing.is_internal = cluster::is_internal_topic(requested.name);
    missing.error_code = error_code::unknown_topic_or_partition;
    // Internal topics are created by their coordinators, with their own settings
    // (__consumer_offsets by the first FindCoordinator), never as an ordinary topic.
    if (!may_create || cluster::is_internal_topic(requested.name)) continue;
    cluster::new_topic nt;
    nt.name = requested.name;
    auto created = co_await s.admin.create_topic(nt, false);
    // The topic exists now (or already did, racing another creator); leaders follow once
    // the controller reacts.
    bool exists = created.error == error_code::none || created.error == error_code::topic_already_exists;
    missing.error_code = exists ? error_code::leader_not_available : created.error;
  }
  co_return resp;
}

}  // namespace kb::handlers
