#include "brokerd/handlers/describe_log_dirs_handler.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

namespace kb::handlers {
namespace asio = boost::asio;
namespace fs = std::filesystem;
using protocol::describe_log_dirs_response;
using protocol::error_code;

namespace {

constexpr int64_t invalid_offset_lag = -1;  // DescribeLogDirsResponse.INVALID_OFFSET_LAG

// As Java's File.getAbsolutePath names a configured dir: made absolute, separators not doubled
// and none trailing, "." and ".." left as they are.
std::string absolute_name(const fs::path& dir) {
  std::string out;
  for (char c : fs::absolute(dir).string()) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// Kafka's adjustForLargeFileSystems: a size past Long.MAX_VALUE reads as Long.MAX_VALUE.
int64_t as_long(uintmax_t bytes) {
  return static_cast<int64_t>(std::min<uintmax_t>(bytes, std::numeric_limits<int64_t>::max()));
}

}  // namespace

asio::awaitable<describe_log_dirs_response> handle_describe_log_dirs(describe_log_dirs_deps& deps,
                                                                     const server::request_context&,
                                                                     protocol::describe_log_dirs_request req) {
  std::optional<std::set<topic_partition>> wanted;
  if (req.topics) {
    wanted.emplace();
    for (const auto& t : *req.topics) {
      for (int32_t p : t.partitions) wanted->insert({t.topic, p});
    }
  }
  describe_log_dirs_response resp;
  // No co_await below: the views' log pointers hold only while nothing else runs.
  for (const log::log_manager::dir_view& dir : deps.logs.describe_dirs()) {
    auto& result = resp.results.emplace_back();
    result.log_dir = absolute_name(dir.path);
    if (dir.offline) {
      result.error_code = error_code::kafka_storage_error;
      continue;
    }
    std::error_code ec;
    const fs::space_info space = fs::space(dir.path, ec);
    if (!ec) {  // else unknown (-1), as before v4
      result.total_bytes = as_long(space.capacity);
      result.usable_bytes = as_long(space.available);
    }
    // Every topic of the dir is listed, with the partitions asked for (perhaps none), as
    // Kafka groups a dir's logs by topic before it filters them.
    for (const log::partition_log* log : dir.logs) {  // sorted by topic-partition
      const topic_partition& tp = log->tp();
      if (result.topics.empty() || result.topics.back().name != tp.topic) result.topics.push_back({tp.topic, {}});
      if (wanted && !wanted->contains(tp)) continue;
      const cluster::partition* hosted = deps.replicas.get(tp);
      const int64_t lag = hosted ? std::max<int64_t>(hosted->high_watermark() - log->log_end_offset(), 0)
                                 : invalid_offset_lag;
      result.topics.back().partitions.push_back(
          {tp.partition, static_cast<int64_t>(log->size_bytes()), lag, false});
    }
  }
  co_return resp;
}

}  // namespace kb::handlers
