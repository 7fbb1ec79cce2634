#include "brokerd/handlers/delete_records_handler.h"

#include "brokerd/cluster/internal_topics.h"
#include "brokerd/handlers/error_mapping.h"
#include "brokerd/protocol/messages/delete_records.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

constexpr int64_t high_watermark_offset = -1;   // DeleteRecordsRequest.HIGH_WATERMARK
constexpr int64_t invalid_low_watermark = -1;  // DeleteRecordsResponse.INVALID_LOW_WATERMARK

// The new log start offset, or the error for this partition.
struct outcome {
  error_code error = error_code::none;
  int64_t low_watermark = invalid_low_watermark;
};

outcome delete_records(broker_services& s, const topic_partition& tp, int64_t requested, int64_t now_ms) {
  if (!s.metadata.partition(tp)) return {error_code::unknown_topic_or_partition};
  if (cluster::is_internal_topic(tp.topic)) return {error_code::invalid_topic_exception};
  cluster::partition* p = s.replicas.get(tp);
  if (!p || !p->is_leader() || !s.lease.held()) return {error_code::not_leader_or_follower};
  if (s.topic_settings(tp.topic).cleanup_policy.find("delete") == std::string::npos) return {error_code::policy_violation};
  int64_t offset = requested == high_watermark_offset ? p->high_watermark() : requested;
  if (offset < 0 || offset > p->high_watermark()) return {error_code::offset_out_of_range};
  auto moved = p->advance_log_start_offset(offset, now_ms);
  if (!moved) return {to_kafka_error(moved.error())};
  return {error_code::none, moved.value()};
}

}  // namespace

asio::awaitable<protocol::delete_records_response> handle_delete_records(broker_services& s,
                                                                         const server::request_context&,
                                                                         protocol::delete_records_request req) {
  protocol::delete_records_response resp;
  const int64_t now = s.clock.wall_ms();
  for (const auto& topic : req.topics) {
    auto& tr = resp.topics.emplace_back();
    tr.name = topic.name;
    for (const auto& part : topic.partitions) {
      outcome o = delete_records(s, {topic.name, part.partition_index}, part.offset, now);
      tr.partitions.push_back({part.partition_index, o.low_watermark, o.error});
    }
  }
  co_return resp;
}

}  // namespace kb::handlers
