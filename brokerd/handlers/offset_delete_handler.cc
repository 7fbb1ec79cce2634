#include "brokerd/handlers/offset_delete_handler.h"

namespace kb::handlers {
using protocol::error_code;

boost::asio::awaitable<protocol::offset_delete_response> handle_offset_delete(group_services& s,
                                                                              const server::request_context&,
                                                                              protocol::offset_delete_request req) {
  std::vector<topic_partition> known;
  std::map<topic_partition, error_code> errors;
  for (const auto& t : req.topics) {
    for (const auto& p : t.partitions) {
      const topic_partition tp{t.name, p.partition_index};
      if (s.broker.metadata.partition(tp)) {
        known.push_back(tp);
      } else {
        errors[tp] = error_code::unknown_topic_or_partition;
      }
    }
  }
  protocol::offset_delete_response r;
  auto [group_error, deleted] = s.coordinator.delete_offsets(req.group_id, known);
  if (group_error != error_code::none) {
    r.error_code = group_error;
    co_return r;
  }
  errors.insert(deleted.begin(), deleted.end());
  for (const auto& t : req.topics) {
    auto& rt = r.topics.emplace_back();
    rt.name = t.name;
    for (const auto& p : t.partitions) {
      auto it = errors.find({t.name, p.partition_index});
      rt.partitions.push_back({p.partition_index, it == errors.end() ? error_code::none : it->second});
    }
  }
  co_return r;
}

}  // namespace kb::handlers
