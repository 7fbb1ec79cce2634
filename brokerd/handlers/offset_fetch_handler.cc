#include "brokerd/handlers/offset_fetch_handler.h"

namespace kb::handlers {
using protocol::error_code;

boost::asio::awaitable<protocol::offset_fetch_response> handle_offset_fetch(group_services& s,
                                                                            const server::request_context& ctx,
                                                                            protocol::offset_fetch_request req) {
  std::optional<std::vector<topic_partition>> wanted;
  if (req.topics) {
    wanted.emplace();
    for (const auto& t : *req.topics) {
      for (int32_t p : t.partition_indexes) wanted->push_back({t.name, p});
    }
  }
  auto [error, offsets] = s.coordinator.fetch_offsets(req.group_id, wanted);
  protocol::offset_fetch_response r;
  if (error != error_code::none) {
    if (ctx.version() >= 2) {
      r.error_code = error;
      co_return r;
    }
    // v0-1 have no top-level error: each requested partition carries it.
    for (const auto& tp : wanted.value_or(std::vector<topic_partition>{})) offsets[tp] = {-1, -1, "", error};
  }
  for (const auto& [tp, o] : offsets) {
    if (r.topics.empty() || r.topics.back().name != tp.topic) r.topics.emplace_back().name = tp.topic;
    auto& p = r.topics.back().partitions.emplace_back();
    p.partition_index = tp.partition;
    p.committed_offset = o.offset;
    p.committed_leader_epoch = o.leader_epoch;
    p.metadata = o.metadata;
    p.error_code = o.error;
  }
  co_return r;
}

}  // namespace kb::handlers
