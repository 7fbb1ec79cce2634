#include "brokerd/handlers/offset_for_leader_epoch_handler.h"

#include <glog/logging.h>

#include "brokerd/protocol/messages/offset_for_leader_epoch.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

protocol::epoch_end_offset answer(broker_services& s, const topic_partition& tp,
                                  const protocol::offset_for_leader_partition& req) {
  protocol::epoch_end_offset out;
  out.partition = req.partition;
  cluster::partition* p = s.replicas.get(tp);
  if (!p) {
    out.error_code =
        s.metadata.partition(tp) ? error_code::not_leader_or_follower : error_code::unknown_topic_or_partition;
    return out;
  }
  if (p->log().offline()) {  // its log dir failed (Kafka: HostedPartition.Offline)
    out.error_code = error_code::kafka_storage_error;
    return out;
  }
  if (req.current_leader_epoch >= 0 && req.current_leader_epoch != p->leader_epoch()) {
    out.error_code = req.current_leader_epoch < p->leader_epoch() ? error_code::fenced_leader_epoch
                                                                  : error_code::unknown_leader_epoch;
    return out;
  }
  if (!p->is_leader()) {
    out.error_code = error_code::not_leader_or_follower;
    return out;
  }
  log::epoch_end_offset found = p->log().end_offset_for_epoch(kb::leader_epoch{req.leader_epoch});
  out.leader_epoch = found.epoch;
  out.end_offset = found.end_offset;
  VLOG(1) << tp << ": end of leader epoch " << req.leader_epoch << " is (epoch " << found.epoch << ", offset "
          << found.end_offset << ")";
  return out;
}

}  // namespace

asio::awaitable<protocol::offset_for_leader_epoch_response> handle_offset_for_leader_epoch(
    broker_services& s, const server::request_context&, protocol::offset_for_leader_epoch_request req) {
  protocol::offset_for_leader_epoch_response resp;
  for (const auto& topic : req.topics) {
    auto& tr = resp.topics.emplace_back();
    tr.topic = topic.topic;
    for (const auto& part : topic.partitions) {
      tr.partitions.push_back(answer(s, topic_partition{topic.topic, part.partition}, part));
    }
  }
  co_return resp;
}

}  // namespace kb::handlers
