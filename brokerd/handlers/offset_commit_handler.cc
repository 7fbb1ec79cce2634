#include "brokerd/handlers/offset_commit_handler.h"

#include <algorithm>
#include <limits>

#include "zkmeta/runtime/one_shot.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

asio::awaitable<protocol::offset_commit_response> handle_offset_commit(group_services& s,
                                                                       const server::request_context& ctx,
                                                                       protocol::offset_commit_request req) {
  const int16_t v = ctx.version();
  const int64_t now = s.broker.clock.wall_ms();
  group::commit_request commit;
  commit.group_id = req.group_id;
  commit.member_id = req.member_id;
  commit.group_instance_id = req.group_instance_id;
  commit.generation_id = req.generation_id;
  std::map<topic_partition, error_code> unknown;
  for (const auto& t : req.topics) {
    for (const auto& p : t.partitions) {
      const topic_partition tp{t.name, p.partition_index};
      if (!s.broker.metadata.partition(tp)) {
        unknown[tp] = error_code::unknown_topic_or_partition;
        continue;
      }
      group::offset_and_metadata o;
      o.offset = p.committed_offset;
      o.leader_epoch = v >= 6 ? p.committed_leader_epoch : -1;
      o.metadata = p.committed_metadata.value_or("");
      o.commit_timestamp_ms = v == 1 && p.commit_timestamp != -1 ? p.commit_timestamp : now;
      if (v >= 2 && v <= 4 && req.retention_time_ms != -1) {
        // Saturated: a hostile retention must not overflow into the past.
        const int64_t left = std::numeric_limits<int64_t>::max() - now;
        o.expire_timestamp_ms = now + std::clamp<int64_t>(req.retention_time_ms, 0, left);
      }
      commit.offsets[tp] = std::move(o);
    }
  }
  group::group_store::commit_errors errors;
  if (!commit.offsets.empty()) {
    group::group_store::commit_errors dropped;
    for (const auto& [tp, _] : commit.offsets) dropped[tp] = error_code::coordinator_not_available;
    errors = co_await kb::await_answer<group::group_store::commit_errors>(
        [&s, &commit](std::function<void(group::group_store::commit_errors)> answer) {
          s.coordinator.commit_offsets(std::move(commit), std::move(answer));
        },
        std::move(dropped));
  }
  errors.insert(unknown.begin(), unknown.end());
  protocol::offset_commit_response r;
  for (const auto& t : req.topics) {
    auto& rt = r.topics.emplace_back();
    rt.name = t.name;
    for (const auto& p : t.partitions) {
      auto it = errors.find({t.name, p.partition_index});
      rt.partitions.push_back({p.partition_index, it == errors.end() ? error_code::unknown_server_error : it->second});
    }
  }
  co_return r;
}

}  // namespace kb::handlers
