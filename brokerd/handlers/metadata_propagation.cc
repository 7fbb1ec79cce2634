#include "brokerd/handlers/metadata_propagation.h"

#include <algorithm>
#include <chrono>

namespace kb::handlers {
namespace {
constexpr std::chrono::milliseconds recheck_interval{50};
}  // namespace

bool leaders_elected(const cluster::metadata_cache& metadata, const std::string& topic,
                     const std::vector<int32_t>& partitions) {
  return std::all_of(partitions.begin(), partitions.end(), [&](int32_t p) {
    const cluster::partition_state* state = metadata.partition({topic, p});
    return state != nullptr && state->leader >= 0;
  });
}

boost::asio::awaitable<bool> wait_for_metadata(broker_services& s, int32_t timeout_ms, std::function<bool()> settled) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  while (!settled()) {
    const auto now = clock::now();
    if (now >= deadline) co_return false;
    co_await s.replicas.data_changed().wait_until(std::min(deadline, now + recheck_interval));
  }
  co_return true;
}

}  // namespace kb::handlers
