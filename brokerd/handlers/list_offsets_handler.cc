#include "brokerd/handlers/list_offsets_handler.h"

#include "brokerd/handlers/error_mapping.h"
#include "brokerd/protocol/messages/list_offsets.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

asio::awaitable<protocol::list_offsets_response> handle_list_offsets(broker_services& s,
                                                                     const server::request_context& ctx,
                                                                     protocol::list_offsets_request req) {
  // A follower or a debugging tool sees up to the log end (Kafka applies no isolation to
  // them); a debugging tool is answered by any replica, not only the leader.
  const bool debugging = req.replica_id == protocol::list_offsets_debugging_replica_id;
  const bool to_log_end = req.replica_id >= 0 || debugging;
  protocol::list_offsets_response resp;
  for (const auto& topic : req.topics) {
    auto& tr = resp.topics.emplace_back();
    tr.name = topic.name;
    for (const auto& part : topic.partitions) {
      auto& pr = tr.partitions.emplace_back();
      pr.partition_index = part.partition_index;
      topic_partition tp{topic.name, part.partition_index};
      cluster::partition* p = s.replicas.get(tp);
      if (!p) {
        pr.error_code =
            s.metadata.partition(tp) ? error_code::not_leader_or_follower : error_code::unknown_topic_or_partition;
        continue;
      }
      if (!p->is_leader() && !debugging) {
        pr.error_code = error_code::not_leader_or_follower;
        continue;
      }
      if (p->log().offline()) {  // its log dir failed (Kafka: HostedPartition.Offline)
        pr.error_code = error_code::kafka_storage_error;
        continue;
      }
      if (part.current_leader_epoch >= 0 && part.current_leader_epoch != p->leader_epoch()) {
        pr.error_code = part.current_leader_epoch < p->leader_epoch() ? error_code::fenced_leader_epoch
                                                                      : error_code::unknown_leader_epoch;
        continue;
      }
      int64_t visible_end = to_log_end ? p->log().log_end_offset() : p->high_watermark();
      int64_t offset = -1, timestamp = -1;
      if (part.timestamp == protocol::list_offsets_latest_timestamp) {
        offset = visible_end;
      } else if (part.timestamp == protocol::list_offsets_earliest_timestamp) {
        offset = p->log().log_start_offset();
      } else {
        auto found = p->log().offset_for_timestamp(part.timestamp);
        if (!found) {
          pr.error_code = to_kafka_error(found.error());
          continue;
        }
        if (found.value() && found.value()->offset < visible_end) {
          offset = found.value()->offset;
          timestamp = found.value()->timestamp;
        }
      }
      pr.offset = offset;
      pr.timestamp = timestamp;
      pr.leader_epoch = p->leader_epoch();
      if (ctx.version() == 0 && offset >= 0 && part.max_num_offsets > 0) pr.old_style_offsets = {offset};
    }
  }
  co_return resp;
}

}  // namespace kb::handlers
