#include "brokerd/handlers/metadata_propagation.h"

#include <algorithm>
#include <chrono>

namespace kb::handlers {
bool leaders_elected(const cluster::metadata_cache& metadata, const std::string& topic,
                     const std::vector<int32_t>& partitions) {
  return std::all_of(partitions.begin(), partitions.end(), [&](int32_t p) {
    const cluster::partition_state* state = metadata.partition({topic, p});
    return state != nullptr && state->leader >= 0;
  });
}

boost::asio::awaitable<bool> wait_for_metadata(broker_services& s, std::vector<std::string> topics, int32_t timeout_ms,
                                               std::function<bool()> settled) {
  auto deadline = s.clock.now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  co_return co_await s.topic_waiters.wait(std::move(topics), deadline, std::move(settled));
}

}  // namespace kb::handlers
